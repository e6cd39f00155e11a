using System.Text.Json;

namespace Callout.Server.WebConsole.Pages.Engagements;

/// A receipt as ListPageReceipts answers it: SENT, DELIVERED, READ, ERROR or STOP, with the
/// provider's or acknowledger's words (ReceiptInfo) and the channel it is about.
sealed record ReceiptView(string Type, string? Info, DateTimeOffset? Time, string? ChannelArn, string? ChannelName)
{
    public string CssClass => Type switch
    {
        "READ" => "acknowledged",
        "ERROR" => "error",
        "STOP" => "stopped",
        _ => "",
    };
}

/// A page of an engagement with its receipts, newest receipt last.
sealed record PageView(string Arn, string EngagementArn, string ContactArn, DateTimeOffset? Sent, DateTimeOffset? Delivered,
    DateTimeOffset? Read, IReadOnlyList<ReceiptView> Receipts)
{
    public bool Acknowledged => Read is not null;

    public string Contact => WireValues.Tail(ContactArn);

    public static PageView From(JsonElement page, IReadOnlyList<ReceiptView> receipts) => new(
        WireValues.Text(page, "PageArn") ?? "",
        WireValues.Text(page, "EngagementArn") ?? "",
        WireValues.Text(page, "ContactArn") ?? "",
        WireValues.Time(page, "SentTime"),
        WireValues.Time(page, "DeliveryTime"),
        WireValues.Time(page, "ReadTime"),
        receipts);
}

/// An engagement as ListEngagements or DescribeEngagement answers it; the subject and content
/// only from DescribeEngagement, the pages only when asked for.
sealed record EngagementView(string Arn, string ContactArn, string Sender, string? IncidentId, DateTimeOffset? Started,
    DateTimeOffset? Stopped, string? Subject = null, string? Content = null, IReadOnlyList<PageView>? Pages = null)
{
    public bool Running => Stopped is null;

    public string Contact => WireValues.Tail(ContactArn);

    /// Where the console shows it: /console/engagements/ALIAS/ID.
    public string Href => EngagementLinks.Href(Arn);

    public static EngagementView From(JsonElement engagement) => new(
        WireValues.Text(engagement, "EngagementArn") ?? "",
        WireValues.Text(engagement, "ContactArn") ?? "",
        WireValues.Text(engagement, "Sender") ?? "",
        WireValues.Text(engagement, "IncidentId"),
        WireValues.Time(engagement, "StartTime"),
        WireValues.Time(engagement, "StopTime"),
        WireValues.Text(engagement, "Subject"),
        WireValues.Text(engagement, "Content"));
}
