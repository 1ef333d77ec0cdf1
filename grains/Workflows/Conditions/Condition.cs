using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>
/// A condition of the flow language: a sandboxed boolean expression over <see cref="OrderFacts"/> (no calls, no
/// member access, bounded length and depth). Parse and check at save time with <see cref="TryParse"/>;
/// <see cref="Evaluate"/> throws <see cref="ConditionEvaluationException"/> when a field it reads has no value.
/// </summary>
public sealed class Condition
{
    public const int MaxLength = 2000;

    private readonly ConditionNode _root;

    private Condition(string text, ConditionNode root)
    {
        Text = text;
        _root = root;
    }

    public string Text { get; }

    /// <summary>The parsed condition, or null with the reason it is not valid.</summary>
    public static Condition? TryParse(string text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A condition cannot be empty";
            return null;
        }
        if (text.Length > MaxLength)
        {
            error = $"A condition is at most {MaxLength} characters";
            return null;
        }
        try
        {
            var root = ConditionParser.Parse(text);
            ConditionChecker.CheckIsCondition(root);
            return new Condition(text, root);
        }
        catch (ConditionSyntaxException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    public static Condition Parse(string text) =>
        TryParse(text, out var error) ?? throw new ConditionSyntaxException(error!, 0);

    public bool Evaluate(OrderFacts order, DateTimeOffset now) => ConditionEvaluator.Evaluate(_root, order, now);

    /// <summary>Parses and evaluates; a text that does not parse counts as an evaluation error (it was valid when saved).</summary>
    public static bool Evaluate(string text, OrderFacts order, DateTimeOffset now)
    {
        var condition = TryParse(text, out var error) ?? throw new ConditionEvaluationException(error!);
        return condition.Evaluate(order, now);
    }
}
