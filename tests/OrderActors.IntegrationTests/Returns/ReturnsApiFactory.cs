using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>Returns under 1,000,000 IDR are approved automatically; "not-as-described" always needs a person; photos up to 4 KiB.</summary>
public sealed class ReturnsApiFactory : ApiFactory
{
    public const long MaxAttachmentBytes = 4096;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Returns:AutoApproveBelow:IDR"] = "1000000";
            settings["OrderActors:Returns:AlwaysReviewReasons:0"] = "not-as-described";
            settings["OrderActors:Returns:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString();
            settings["OrderActors:Billing:Stores:STORE1:TaxRate"] = "0.11";
            settings["OrderActors:Billing:Stores:STORE1:PricesIncludeTax"] = "true";
            return settings;
        }
    }

    public string AttachmentsDirectory => Path.Combine(DataDirectory, "attachments");
}
