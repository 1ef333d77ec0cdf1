namespace OrderActors.ApiHost.Documents;

/// <summary>A table column of a PDF document: its heading, share of the text width, and alignment.</summary>
public sealed record PdfColumn(string Heading, double Share, bool AlignRight = false);
