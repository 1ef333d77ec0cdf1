namespace OrderActors.Workflows;

public enum InstanceStatus
{
    Running = 0,
    Completed = 1,
    Rejected = 2,
    Failed = 3,
    Skipped = 4,
}
