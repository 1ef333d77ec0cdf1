using System.Globalization;

namespace OrderActors.ApiHost.Components.Shared;

/// <summary>Numbers typed into dashboard forms, handed to the API's validators as the API would receive them.</summary>
public static class FormNumbers
{
    /// <summary>Blank is "not given" (null); text that is not a whole number becomes -1 so the range rule names the field.</summary>
    public static int? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : -1;

    /// <summary>A money amount; blank or unreadable is null.</summary>
    public static decimal? ParseAmount(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
