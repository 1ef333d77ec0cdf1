namespace OrderActors.Grains.Returns;

/// <summary>The <c>OrderActors:Returns</c> configuration section.</summary>
public sealed class ReturnsOptions
{
    public const string Section = "OrderActors:Returns";

    /// <summary>Reason codes a return item may carry.</summary>
    public List<string> ReasonCodes { get; set; } = [];

    /// <summary>Per currency: returns worth less than this are approved automatically. A currency not listed always needs a person.</summary>
    public Dictionary<string, decimal> AutoApproveBelow { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reason codes that always need a person, whatever the value (for example "not-as-described").</summary>
    public List<string> AlwaysReviewReasons { get; set; } = [];

    /// <summary>Printed on mail return labels.</summary>
    public string ReturnAddress { get; set; } = "Returns department\nOrderActors warehouse";

    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    public int MaxAttachmentsPerReturn { get; set; } = 20;

    public static readonly IReadOnlyList<string> DefaultReasonCodes =
        ["damaged", "defective", "wrong-item", "not-as-described", "size-fit", "changed-mind", "late-delivery", "other"];

    public IReadOnlyList<string> EffectiveReasonCodes => ReasonCodes.Count > 0 ? ReasonCodes : DefaultReasonCodes;
}
