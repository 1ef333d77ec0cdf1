using System.Globalization;

namespace OrderActors.Grains.Workflows.Conditions;

/// <summary>
/// Recursive-descent parser. Grammar (lowest precedence first):
/// <code>
/// or      := and (("or" | "||") and)*
/// and     := unary (("and" | "&amp;&amp;") unary)*
/// unary   := ("not" | "!") unary | compare
/// compare := operand (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains") operand | "not"? "in" list)?
/// operand := number | string | true | false | field | list | "(" or ")"
/// </code>
/// </summary>
internal sealed class ConditionParser
{
    public const int MaxDepth = 32;

    private readonly List<Token> _tokens;
    private int _next;
    private int _depth;

    private ConditionParser(List<Token> tokens) => _tokens = tokens;

    public static ConditionNode Parse(string text)
    {
        var parser = new ConditionParser(Tokenizer.Tokenize(text));
        var node = parser.ParseOr();
        var rest = parser.Peek;
        if (rest.Kind != TokenKind.End)
        {
            throw new ConditionSyntaxException($"Unexpected '{rest.Text}'", rest.Position);
        }
        return node;
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool IsWord(string word) => Peek.Kind == TokenKind.Identifier && string.Equals(Peek.Text, word, StringComparison.OrdinalIgnoreCase);

    private bool IsOperator(string op) => Peek.Kind == TokenKind.Operator && Peek.Text == op;

    private ConditionNode ParseOr()
    {
        var left = ParseAnd();
        while (IsWord("or") || IsOperator("||"))
        {
            var at = Take().Position;
            left = new BinaryNode("or", left, ParseAnd(), at);
        }
        return left;
    }

    private ConditionNode ParseAnd()
    {
        var left = ParseUnary();
        while (IsWord("and") || IsOperator("&&"))
        {
            var at = Take().Position;
            left = new BinaryNode("and", left, ParseUnary(), at);
        }
        return left;
    }

    private ConditionNode ParseUnary()
    {
        if (IsWord("not") || IsOperator("!"))
        {
            var at = Take().Position;
            return Nested(() => new NotNode(ParseUnary(), at), at);
        }
        return ParseComparison();
    }

    private ConditionNode ParseComparison()
    {
        var left = ParseOperand();
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Take();
            return new BinaryNode(op.Text, left, ParseOperand(), op.Position);
        }
        if (IsWord("contains"))
        {
            var at = Take().Position;
            return new BinaryNode("contains", left, ParseOperand(), at);
        }
        if (IsWord("in"))
        {
            var at = Take().Position;
            return new BinaryNode("in", left, ParseList(), at);
        }
        if (IsWord("not") && _tokens[_next + 1] is { Kind: TokenKind.Identifier } t && string.Equals(t.Text, "in", StringComparison.OrdinalIgnoreCase))
        {
            var at = Take().Position;
            Take();
            return new NotNode(new BinaryNode("in", left, ParseList(), at), at);
        }
        return left;
    }

    private ConditionNode ParseOperand()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.String:
                return ParseLiteral();
            case TokenKind.LeftBracket:
                return ParseList();
            case TokenKind.LeftParen:
                Take();
                var inner = Nested(ParseOr, token.Position);
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier when IsWord("true") || IsWord("false"):
                Take();
                return new LiteralNode(string.Equals(token.Text, "true", StringComparison.OrdinalIgnoreCase), token.Position);
            case TokenKind.Identifier when !IsKeyword(token.Text):
                Take();
                return new FieldNode(token.Text, token.Position);
            default:
                throw new ConditionSyntaxException(token.Kind == TokenKind.End ? "Unexpected end of condition" : $"Unexpected '{token.Text}'", token.Position);
        }
    }

    private LiteralNode ParseLiteral()
    {
        var token = Take();
        return token.Kind switch
        {
            TokenKind.Number => new LiteralNode(decimal.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), token.Position),
            TokenKind.String => new LiteralNode(token.Text, token.Position),
            _ => throw new ConditionSyntaxException($"Expected a number or a string, found '{token.Text}'", token.Position),
        };
    }

    private ListNode ParseList()
    {
        var open = Expect(TokenKind.LeftBracket, "'['");
        var items = new List<LiteralNode>();
        if (Peek.Kind != TokenKind.RightBracket)
        {
            items.Add(ParseLiteral());
            while (Peek.Kind == TokenKind.Comma)
            {
                Take();
                items.Add(ParseLiteral());
            }
        }
        Expect(TokenKind.RightBracket, "']'");
        return new ListNode(items, open.Position);
    }

    private Token Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw new ConditionSyntaxException($"Expected {what}, found '{(Peek.Kind == TokenKind.End ? "end" : Peek.Text)}'", Peek.Position);
        }
        return Take();
    }

    private T Nested<T>(Func<T> parse, int position)
    {
        if (++_depth > MaxDepth)
        {
            throw new ConditionSyntaxException($"Nested more than {MaxDepth} levels deep", position);
        }
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private static bool IsKeyword(string word) =>
        word.ToLowerInvariant() is "and" or "or" or "not" or "in" or "contains" or "true" or "false";
}
