namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>A valid condition could not be decided for one order (a field it reads has no value).</summary>
public sealed class ConditionEvaluationException(string message) : Exception(message);
