namespace OrderActors.Billing;

/// <summary>
/// Invoice ids derive from the series and the request key, so a retried issue request finds the invoice it
/// created before instead of taking a second number.
/// </summary>
public static class InvoiceIdentity
{
    public static Guid For(string series, string requestKey) => DeterministicGuid.From($"invoice|{series.Length}:{series}|{requestKey}");

    /// <summary>The printed number: the series, a dash, and the sequence as at least six digits.</summary>
    public static string Number(string series, long sequence) => $"{series}-{sequence:D6}";
}
