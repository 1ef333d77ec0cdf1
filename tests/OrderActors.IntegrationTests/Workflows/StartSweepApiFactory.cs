namespace OrderActors.IntegrationTests.Workflows;

/// <summary>The workflow host with the start sweep ticking every second and a one-second grace age.</summary>
public sealed class StartSweepApiFactory : WorkflowApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Workflows:StartSweep:Interval"] = "00:00:01";
            settings["OrderActors:Workflows:StartSweep:GraceAge"] = "00:00:01";
            return settings;
        }
    }
}
