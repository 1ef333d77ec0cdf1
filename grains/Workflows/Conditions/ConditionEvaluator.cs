using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>Evaluates a checked tree over one order's facts. Text compares ignore case.</summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(ConditionNode node, OrderFacts order, DateTimeOffset now) =>
        (bool)Value(node, order, now);

    private static object Value(ConditionNode node, OrderFacts order, DateTimeOffset now) => node switch
    {
        LiteralNode l => l.Value,
        FieldNode f => ConditionFields.Read(f.Name, order, now)
            ?? throw new ConditionEvaluationException($"Field '{f.Name}' has no value for order {order.OrderId}"),
        ListNode l => l.Items.Select(i => i.Value).ToList(),
        NotNode n => !(bool)Value(n.Operand, order, now),
        BinaryNode { Operator: "and" } b => (bool)Value(b.Left, order, now) && (bool)Value(b.Right, order, now),
        BinaryNode { Operator: "or" } b => (bool)Value(b.Left, order, now) || (bool)Value(b.Right, order, now),
        BinaryNode b => Compare(b.Operator, Value(b.Left, order, now), Value(b.Right, order, now)),
        _ => throw new ConditionEvaluationException("Unknown expression"),
    };

    private static bool Compare(string op, object left, object right) => op switch
    {
        "==" => Order(left, right) == 0,
        "!=" => Order(left, right) != 0,
        "<" => Order(left, right) < 0,
        "<=" => Order(left, right) <= 0,
        ">" => Order(left, right) > 0,
        ">=" => Order(left, right) >= 0,
        "in" => ((IEnumerable<object>)right).Any(item => Order(left, item) == 0),
        "contains" when left is string text => text.Contains((string)right, StringComparison.OrdinalIgnoreCase),
        "contains" => AsList(left).Any(item => Order(item, right) == 0),
        _ => throw new ConditionEvaluationException($"Unknown operator '{op}'"),
    };

    private static IEnumerable<object> AsList(object value) => value switch
    {
        IEnumerable<string> texts => texts,
        IEnumerable<object> items => items,
        _ => throw new ConditionEvaluationException("Expected a list"),
    };

    private static int Order(object left, object right) => (left, right) switch
    {
        (decimal a, decimal b) => a.CompareTo(b),
        (string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase),
        (bool a, bool b) => a.CompareTo(b),
        _ => throw new ConditionEvaluationException($"Cannot compare {left.GetType().Name} with {right.GetType().Name}"),
    };
}
