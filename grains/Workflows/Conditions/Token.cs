namespace OrderActors.Grains.Workflows.Conditions;

internal enum TokenKind
{
    Number,
    String,
    Identifier,
    Operator,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Position);
