namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>A condition's text is not a valid expression (unknown field, type mismatch, bad token...).</summary>
public sealed class ConditionSyntaxException(string message, int position) : Exception($"{message} (at {position})")
{
    public int Position { get; } = position;
}
