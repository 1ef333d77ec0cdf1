namespace OrderActors.ApiHost.Components.Tasks;

/// <summary>The answer to the last scan on the packing screen: confirmed, a mismatch the engine recorded, or refused input.</summary>
public sealed record ScanFeedback(string Code, bool Confirmed, string Message, bool Mismatch);
