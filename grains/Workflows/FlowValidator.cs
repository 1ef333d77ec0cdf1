using System.Text.RegularExpressions;
using OrderActors.Grains.Workflows.Conditions;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows;

/// <summary>
/// Checks a flow definition and lists every problem (not just the first), each with the JSON path of its field:
/// missing settings, unknown roles, invalid conditions, links to missing steps, unreachable steps, and loops
/// that never wait (a loop must pass a Wait step or a step worked by a person, or it would spin).
/// </summary>
public static partial class FlowValidator
{
    public const int MaxSteps = 100;

    /// <summary>Fills what a JSON body may have left null (config, lists), so the rest of the engine need not care.</summary>
    public static ProcessFlow Normalize(ProcessFlow flow) => flow with
    {
        Steps = (flow.Steps ?? []).Select(s => s is null ? null! : s with
        {
            Config = s.Config is null ? new StepConfig() : s.Config with
            {
                NotifyRoles = s.Config.NotifyRoles ?? [],
                NotifyUsers = s.Config.NotifyUsers ?? [],
                ItemInstructions = s.Config.ItemInstructions ?? new Dictionary<string, string>(),
                Barcodes = s.Config.Barcodes ?? new Dictionary<string, string>(),
            },
        }).ToList(),
    };

    public static IReadOnlyList<FlowProblem> Validate(ProcessFlow flow, IReadOnlySet<string> knownRoles)
    {
        var problems = new List<FlowProblem>();
        void Add(string field, string message) => problems.Add(new FlowProblem(field, message));

        if (!IdPattern().IsMatch(flow.Id ?? ""))
        {
            Add("id", "id is 1-64 lower-case letters, digits or dashes, starting with a letter or digit.");
        }
        if (string.IsNullOrWhiteSpace(flow.Name) || flow.Name.Length > 200)
        {
            Add("name", "name is required (at most 200 characters).");
        }
        if (flow.Description is { Length: > 2000 })
        {
            Add("description", "description is at most 2000 characters.");
        }
        if (!Enum.IsDefined(flow.Trigger))
        {
            Add("trigger", "Unknown trigger.");
        }
        if (flow.Priority is < -1000 or > 1000)
        {
            Add("priority", "priority is between -1000 and 1000.");
        }
        CheckCondition(flow.AppliesTo, "appliesTo", Add);

        var steps = flow.Steps ?? [];
        if (steps.Count == 0)
        {
            Add("steps", "A flow needs at least one step.");
            return problems;
        }
        if (steps.Count > MaxSteps)
        {
            Add("steps", $"A flow has at most {MaxSteps} steps.");
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var id = steps[i]?.Id;
            if (steps[i] is null || !IdPattern().IsMatch(id ?? ""))
            {
                Add($"steps[{i}].id", "A step id is 1-64 lower-case letters, digits or dashes.");
            }
            else if (!ids.TryAdd(id!, i))
            {
                Add($"steps[{i}].id", $"Step id '{id}' is used twice.");
            }
        }
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is { } step)
            {
                CheckStep(step, $"steps[{i}]", ids, knownRoles, Add);
            }
        }
        if (ids.Count == steps.Count)
        {
            CheckGraph(steps, ids, Add);
        }
        return problems;
    }

    private static void CheckStep(WorkflowStep s, string at, Dictionary<string, int> ids, IReadOnlySet<string> roles, Action<string, string> add)
    {
        var config = s.Config ?? new StepConfig();
        if (!Enum.IsDefined(s.Type) || s.Type is StepType.ManualReview or StepType.ManualIntervention)
        {
            add($"{at}.type", $"'{s.Type}' is not a step type a flow can use.");
        }
        if (s.Name is { Length: > 200 })
        {
            add($"{at}.name", "name is at most 200 characters.");
        }
        CheckRole(s.AssignedRole, $"{at}.assignedRole", roles, add);
        CheckRole(s.EscalateToRole, $"{at}.escalateToRole", roles, add);
        if (s.NeedsPerson && string.IsNullOrWhiteSpace(s.AssignedRole) && string.IsNullOrWhiteSpace(s.AssignedUser))
        {
            add($"{at}.assignedRole", $"A {s.Type} step worked by a person needs an assignedRole or an assignedUser.");
        }
        if (s.AssignedUser is { Length: > 128 })
        {
            add($"{at}.assignedUser", "assignedUser is at most 128 characters.");
        }
        CheckCondition(s.Condition, $"{at}.condition", add);
        if (s.Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromDays(365)))
        {
            add($"{at}.timeout", "timeout is positive and at most 365 days.");
        }
        if (!Enum.IsDefined(s.OnTimeout))
        {
            add($"{at}.onTimeout", "Unknown timeout action.");
        }
        if (!Enum.IsDefined(s.OnFailure))
        {
            add($"{at}.onFailure", "Unknown failure action.");
        }
        if (s.MaxRetries is < 0 or > 20)
        {
            add($"{at}.maxRetries", "maxRetries is between 0 and 20.");
        }
        if (s.RetryBackoff <= TimeSpan.Zero || s.RetryBackoff > TimeSpan.FromHours(1))
        {
            add($"{at}.retryBackoff", "retryBackoff is positive and at most one hour.");
        }
        if (s.Priority is < 0 or > 100)
        {
            add($"{at}.priority", "priority is between 0 and 100.");
        }
        CheckLink(s.Next, $"{at}.next", ids, add);
        if (s.OnRejected is not null && s.Type != StepType.Approval)
        {
            add($"{at}.onRejected", "Only an Approval step continues on rejection.");
        }
        CheckLink(s.OnRejected, $"{at}.onRejected", ids, add);

        switch (s.Type)
        {
            case StepType.SetStatus when config.Status is null || !Enum.IsDefined(config.Status.Value):
                add($"{at}.config.status", "A SetStatus step needs a workflow status.");
                break;
            case StepType.Notify:
                if (string.IsNullOrWhiteSpace(config.Message))
                {
                    add($"{at}.config.message", "A Notify step needs a message.");
                }
                if (config.NotifyRoles.Count == 0 && config.NotifyUsers.Count == 0)
                {
                    add($"{at}.config.notifyRoles", "A Notify step needs notifyRoles or notifyUsers.");
                }
                for (var r = 0; r < config.NotifyRoles.Count; r++)
                {
                    CheckRole(config.NotifyRoles[r], $"{at}.config.notifyRoles[{r}]", roles, add);
                }
                break;
            case StepType.Wait:
                if (config.WaitFor is null && config.WaitUntil is null)
                {
                    add($"{at}.config.waitFor", "A Wait step needs waitFor or waitUntil.");
                }
                if (config.WaitFor is { } wait && (wait <= TimeSpan.Zero || wait > TimeSpan.FromDays(365)))
                {
                    add($"{at}.config.waitFor", "waitFor is positive and at most 365 days.");
                }
                break;
            case StepType.Branch:
                if (string.IsNullOrWhiteSpace(config.Condition))
                {
                    add($"{at}.config.condition", "A Branch step needs a condition.");
                }
                else
                {
                    CheckCondition(config.Condition, $"{at}.config.condition", add);
                }
                if (config.WhenTrue is null)
                {
                    add($"{at}.config.whenTrue", "A Branch step needs whenTrue.");
                }
                CheckLink(config.WhenTrue, $"{at}.config.whenTrue", ids, add);
                CheckLink(config.WhenFalse, $"{at}.config.whenFalse", ids, add);
                if (s.Next is not null)
                {
                    add($"{at}.next", "A Branch step continues on whenTrue or whenFalse, not next.");
                }
                break;
            case StepType.Invoice when config.InvoiceKind is not (null or "invoice" or "refund"):
                add($"{at}.config.invoiceKind", "invoiceKind is 'invoice' or 'refund'.");
                break;
        }
        if (s.Type != StepType.Branch && (config.WhenTrue is not null || config.WhenFalse is not null))
        {
            add($"{at}.config.whenTrue", "Only a Branch step has whenTrue/whenFalse.");
        }
    }

    private static void CheckGraph(IReadOnlyList<WorkflowStep> steps, Dictionary<string, int> ids, Action<string, string> add)
    {
        // Links to missing steps are reported by CheckStep; the graph checks use the links that resolve.
        var edges = steps.Select(s => Successors(s).Where(ids.ContainsKey).Select(id => ids[id]).ToList()).ToList();

        var reached = new bool[steps.Count];
        var queue = new Queue<int>([0]);
        reached[0] = true;
        while (queue.TryDequeue(out var at))
        {
            foreach (var next in edges[at].Where(n => !reached[n]))
            {
                reached[next] = true;
                queue.Enqueue(next);
            }
        }
        for (var i = 0; i < steps.Count; i++)
        {
            if (!reached[i])
            {
                add($"steps[{i}].id", $"Step '{steps[i].Id}' cannot be reached from the first step.");
            }
        }

        foreach (var loop in StronglyConnected(edges).Where(c => c.Count > 1 || edges[c[0]].Contains(c[0])))
        {
            if (!loop.Any(i => steps[i].Type == StepType.Wait || steps[i].NeedsPerson))
            {
                var names = string.Join(" -> ", loop.Order().Select(i => steps[i].Id));
                add($"steps[{loop.Min()}].next", $"The loop {names} has no Wait step and no step worked by a person, so it would never stop.");
            }
        }
    }

    public static IEnumerable<string> Successors(WorkflowStep s)
    {
        string?[] links = [s.Next, s.OnRejected, s.Config?.WhenTrue, s.Config?.WhenFalse];
        return links.OfType<string>().Distinct();
    }

    // Tarjan's algorithm; flows are small (at most MaxSteps nodes), so recursion depth is bounded.
    private static List<List<int>> StronglyConnected(List<List<int>> edges)
    {
        var index = new int[edges.Count];
        var low = new int[edges.Count];
        var onStack = new bool[edges.Count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var counter = 0;

        void Visit(int v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            foreach (var w in edges[v])
            {
                if (index[w] < 0)
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack[w])
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<int>();
                int w;
                do
                {
                    w = stack.Pop();
                    onStack[w] = false;
                    component.Add(w);
                }
                while (w != v);
                result.Add(component);
            }
        }

        for (var v = 0; v < edges.Count; v++)
        {
            if (index[v] < 0)
            {
                Visit(v);
            }
        }
        return result;
    }

    private static void CheckLink(string? target, string field, Dictionary<string, int> ids, Action<string, string> add)
    {
        if (target is not null && !ids.ContainsKey(target))
        {
            add(field, $"No step has id '{target}'.");
        }
    }

    private static void CheckRole(string? role, string field, IReadOnlySet<string> roles, Action<string, string> add)
    {
        if (role is not null && !roles.Contains(role))
        {
            add(field, $"Unknown role '{role}'. Known roles: {string.Join(", ", roles.Order(StringComparer.Ordinal))}.");
        }
    }

    private static void CheckCondition(string? text, string field, Action<string, string> add)
    {
        if (text is not null && Condition.TryParse(text, out var error) is null)
        {
            add(field, $"Invalid condition: {error}.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
