namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>The syntax tree of a condition. There are no calls or member accesses: only fields, literals and operators.</summary>
internal abstract record ConditionNode(int Position);

internal sealed record LiteralNode(object Value, int Position) : ConditionNode(Position);

internal sealed record FieldNode(string Name, int Position) : ConditionNode(Position);

internal sealed record ListNode(IReadOnlyList<LiteralNode> Items, int Position) : ConditionNode(Position);

internal sealed record NotNode(ConditionNode Operand, int Position) : ConditionNode(Position);

/// <summary>Operators: and, or, ==, !=, &lt;, &lt;=, &gt;, &gt;=, in, contains.</summary>
internal sealed record BinaryNode(string Operator, ConditionNode Left, ConditionNode Right, int Position) : ConditionNode(Position);
