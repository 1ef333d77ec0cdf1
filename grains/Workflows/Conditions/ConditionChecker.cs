namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>Checks fields and operand types before a condition is ever run, so a saved flow cannot hold a nonsense condition.</summary>
internal static class ConditionChecker
{
    public static ConditionType TypeOf(ConditionNode node) => node switch
    {
        LiteralNode { Value: decimal } => ConditionType.Number,
        LiteralNode { Value: string } => ConditionType.Text,
        LiteralNode => ConditionType.Boolean,
        FieldNode f => ConditionFields.TryGetType(f.Name, out var type)
            ? type
            : throw new ConditionSyntaxException($"Unknown field '{f.Name}'. Known fields: {string.Join(", ", ConditionFields.Names)}", f.Position),
        ListNode l => ListType(l),
        NotNode n => Expect(n.Operand, ConditionType.Boolean, "not"),
        BinaryNode b => Binary(b),
        _ => throw new ConditionSyntaxException("Unknown expression", node.Position),
    };

    public static void CheckIsCondition(ConditionNode node)
    {
        if (TypeOf(node) != ConditionType.Boolean)
        {
            throw new ConditionSyntaxException("A condition must be true or false (compare a field with a value)", node.Position);
        }
    }

    private static ConditionType Binary(BinaryNode b)
    {
        var left = TypeOf(b.Left);
        var right = TypeOf(b.Right);
        switch (b.Operator)
        {
            case "and" or "or":
                Expect(b.Left, ConditionType.Boolean, b.Operator);
                Expect(b.Right, ConditionType.Boolean, b.Operator);
                return ConditionType.Boolean;
            case "==" or "!=":
                Same(b, left, right);
                return ConditionType.Boolean;
            case "<" or "<=" or ">" or ">=":
                Same(b, left, right);
                if (left is not (ConditionType.Number or ConditionType.Text))
                {
                    throw new ConditionSyntaxException($"'{b.Operator}' compares numbers or text, not {Name(left)}", b.Position);
                }
                return ConditionType.Boolean;
            case "in":
                var element = right == ConditionType.NumberList ? ConditionType.Number : ConditionType.Text;
                if (left != element && ((ListNode)b.Right).Items.Count > 0)
                {
                    throw new ConditionSyntaxException($"'in' needs a list of {Name(left)} values", b.Position);
                }
                return ConditionType.Boolean;
            case "contains":
                var ok = (left, right) is (ConditionType.TextList, ConditionType.Text) or (ConditionType.NumberList, ConditionType.Number) or (ConditionType.Text, ConditionType.Text);
                if (!ok)
                {
                    throw new ConditionSyntaxException($"'contains' needs a list or text on the left and one value on the right, not {Name(left)} and {Name(right)}", b.Position);
                }
                return ConditionType.Boolean;
            default:
                throw new ConditionSyntaxException($"Unknown operator '{b.Operator}'", b.Position);
        }
    }

    private static ConditionType ListType(ListNode list)
    {
        var types = list.Items.Select(TypeOf).Distinct().ToList();
        return types switch
        {
            [] or [ConditionType.Text] => ConditionType.TextList,
            [ConditionType.Number] => ConditionType.NumberList,
            _ => throw new ConditionSyntaxException("A list holds only numbers or only text", list.Position),
        };
    }

    private static void Same(BinaryNode b, ConditionType left, ConditionType right)
    {
        if (left != right)
        {
            throw new ConditionSyntaxException($"'{b.Operator}' cannot compare {Name(left)} with {Name(right)}", b.Position);
        }
    }

    private static ConditionType Expect(ConditionNode node, ConditionType expected, string op)
    {
        var actual = TypeOf(node);
        if (actual != expected)
        {
            throw new ConditionSyntaxException($"'{op}' needs true/false operands, not {Name(actual)}", node.Position);
        }
        return ConditionType.Boolean;
    }

    private static string Name(ConditionType type) => type switch
    {
        ConditionType.Number => "a number",
        ConditionType.Text => "text",
        ConditionType.Boolean => "true/false",
        ConditionType.TextList => "a list of text",
        _ => "a list of numbers",
    };
}
