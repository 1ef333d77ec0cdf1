using System.Globalization;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>
/// One step as the builder edits it: plain settable fields (minutes, comma lists, "key: value" lines) that the forms
/// bind to. <see cref="ToStep"/> keeps only what the step's type reads, so a type change leaves nothing stale behind.
/// </summary>
public sealed class StepDraft
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public StepType Type { get; set; } = StepType.ManualTask;
    public string? AssignedRole { get; set; }
    public string? AssignedUser { get; set; }
    public bool AutoExecute { get; set; }
    public string? Condition { get; set; }
    public double? TimeoutMinutes { get; set; }
    public TimeoutAction OnTimeout { get; set; } = TimeoutAction.Escalate;
    public string? EscalateToRole { get; set; }
    public FailureAction OnFailure { get; set; } = FailureAction.ManualIntervention;
    public int MaxRetries { get; set; } = 3;
    public double RetryBackoffSeconds { get; set; } = 5;
    public int Priority { get; set; } = 50;
    public string? Next { get; set; }
    public string? OnRejected { get; set; }

    public WorkflowStatus? Status { get; set; }
    public string? Message { get; set; }
    public string? NotifyRoles { get; set; }
    public string? NotifyUsers { get; set; }
    public double? WaitMinutes { get; set; }
    public DateTime? WaitUntilUtc { get; set; }
    public string? BranchCondition { get; set; }
    public string? WhenTrue { get; set; }
    public string? WhenFalse { get; set; }
    public string? ItemInstructions { get; set; }
    public string? Barcodes { get; set; }
    public string? Carrier { get; set; }
    public string? InvoiceKind { get; set; }

    public bool IsPersonType => Type is StepType.ManualTask or StepType.Approval or StepType.Packing or StepType.Ship;

    public bool IsBranch => Type == StepType.Branch;

    public static StepDraft From(WorkflowStep s) => new()
    {
        Id = s.Id,
        Name = s.Name,
        Type = s.Type,
        AssignedRole = s.AssignedRole,
        AssignedUser = s.AssignedUser,
        AutoExecute = s.AutoExecute,
        Condition = s.Condition,
        TimeoutMinutes = s.Timeout?.TotalMinutes,
        OnTimeout = s.OnTimeout,
        EscalateToRole = s.EscalateToRole,
        OnFailure = s.OnFailure,
        MaxRetries = s.MaxRetries,
        RetryBackoffSeconds = s.RetryBackoff.TotalSeconds,
        Priority = s.Priority,
        Next = s.Next,
        OnRejected = s.OnRejected,
        Status = s.Config.Status,
        Message = s.Config.Message,
        NotifyRoles = string.Join(", ", s.Config.NotifyRoles),
        NotifyUsers = string.Join(", ", s.Config.NotifyUsers),
        WaitMinutes = s.Config.WaitFor?.TotalMinutes,
        WaitUntilUtc = s.Config.WaitUntil?.UtcDateTime,
        BranchCondition = s.Config.Condition,
        WhenTrue = s.Config.WhenTrue,
        WhenFalse = s.Config.WhenFalse,
        ItemInstructions = string.Join("\n", s.Config.ItemInstructions.Select(p => $"{p.Key}: {p.Value}")),
        Barcodes = string.Join("\n", s.Config.Barcodes.Select(p => $"{p.Key}: {p.Value}")),
        Carrier = s.Config.Carrier,
        InvoiceKind = s.Config.InvoiceKind,
    };

    public WorkflowStep ToStep() => new()
    {
        Id = Id.Trim(),
        Name = Blank(Name),
        Type = Type,
        AssignedRole = IsPersonType ? Blank(AssignedRole) : null,
        AssignedUser = IsPersonType ? Blank(AssignedUser) : null,
        AutoExecute = IsPersonType && AutoExecute,
        Condition = Blank(Condition),
        Timeout = IsPersonType && TimeoutMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
        OnTimeout = OnTimeout,
        EscalateToRole = IsPersonType ? Blank(EscalateToRole) : null,
        OnFailure = OnFailure,
        MaxRetries = MaxRetries,
        RetryBackoff = TimeSpan.FromSeconds(RetryBackoffSeconds),
        Priority = Priority,
        Next = IsBranch ? null : Blank(Next),
        OnRejected = Type == StepType.Approval ? Blank(OnRejected) : null,
        Config = new StepConfig
        {
            Status = Type == StepType.SetStatus ? Status : null,
            Message = Type is StepType.SetStatus or StepType.Wait or StepType.Branch or StepType.Invoice ? null : Blank(Message),
            NotifyRoles = Type == StepType.Notify ? List(NotifyRoles) : [],
            NotifyUsers = Type == StepType.Notify ? List(NotifyUsers) : [],
            WaitFor = Type == StepType.Wait && WaitMinutes is { } wait ? TimeSpan.FromMinutes(wait) : null,
            WaitUntil = Type == StepType.Wait && WaitUntilUtc is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null,
            Condition = IsBranch ? Blank(BranchCondition) : null,
            WhenTrue = IsBranch ? Blank(WhenTrue) : null,
            WhenFalse = IsBranch ? Blank(WhenFalse) : null,
            ItemInstructions = Type == StepType.Packing ? Pairs(ItemInstructions) : new Dictionary<string, string>(),
            Barcodes = Type == StepType.Packing ? Pairs(Barcodes) : new Dictionary<string, string>(),
            Carrier = Type == StepType.Ship ? Blank(Carrier) : null,
            InvoiceKind = Type == StepType.Invoice ? Blank(InvoiceKind) : null,
        },
    };

    /// <summary>The links leaving this step, labelled as the graph shows them.</summary>
    public IEnumerable<(string Target, string Kind)> Links()
    {
        var step = ToStep();
        if (step.Next is { } next) { yield return (next, "next"); }
        if (step.OnRejected is { } rejected) { yield return (rejected, "rejected"); }
        if (step.Config.WhenTrue is { } yes) { yield return (yes, "true"); }
        if (step.Config.WhenFalse is { } no) { yield return (no, "false"); }
    }

    public string Describe() => Type switch
    {
        StepType.SetStatus => $"status → {Status}",
        StepType.Branch => BranchCondition ?? "(no condition)",
        StepType.Wait => WaitMinutes is { } m ? $"wait {m.ToString(CultureInfo.InvariantCulture)} min" : WaitUntilUtc is { } u ? $"until {u:yyyy-MM-dd HH:mm}" : "wait",
        StepType.Notify => $"notify {NotifyRoles} {NotifyUsers}".Trim(),
        StepType.Invoice => InvoiceKind ?? "invoice",
        _ when IsPersonType => AutoExecute ? "automatic" : $"task for {AssignedUser ?? AssignedRole ?? "?"}",
        _ => "",
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> List(string? text) =>
        (text ?? "").Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>"key: value" per line; a line without a colon is ignored.</summary>
    private static Dictionary<string, string> Pairs(string? text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() is { Length: > 0 } key && line[(colon + 1)..].Trim() is { Length: > 0 } value)
            {
                pairs[key] = value;
            }
        }
        return pairs;
    }
}
