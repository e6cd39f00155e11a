using System.Text;

namespace Callout.Server.Alerts.Generic;

/// Callout's own small alert format, for scripts and anything without a format of its own:
/// `{"dedupKey", "status": "firing" | "resolved", "title", "summary", "impact"}`. dedupKey (1–255
/// characters) is required; status is "firing" when absent; a firing alert needs a title (at most
/// 200 characters, the incident's); impact is 1–5; summary at most 8,000 characters.
static class GenericAlertParser
{
    const int MaxKeyLength = 255;
    const int MaxTitleLength = 200;
    const int MaxSummaryLength = 8000;

    public static AlertSignal? Parse(byte[] body, out string? error)
    {
        using var document = AlertBodyReader.ParseObject(body, out error);
        if (document is null)
        {
            return null;
        }
        var root = document.RootElement;
        var reader = new AlertBodyReader();
        var key = reader.String(root, "dedupKey", "dedupKey", required: true);
        var status = reader.String(root, "status", "status") ?? "firing";
        var title = reader.String(root, "title", "title");
        var summary = reader.String(root, "summary", "summary");
        var impact = reader.Integer(root, "impact", "impact", 1, 5);
        if (reader.Error is null)
        {
            if (key!.Length > MaxKeyLength)
            {
                reader.Reject($"dedupKey may have at most {MaxKeyLength} characters.");
            }
            else if (status is not ("firing" or "resolved"))
            {
                reader.Reject("status must be \"firing\" or \"resolved\".");
            }
            else if (status == "firing" && string.IsNullOrWhiteSpace(title))
            {
                reader.Reject("title is required for a firing alert.");
            }
            else if (title is { Length: > MaxTitleLength })
            {
                reader.Reject($"title may have at most {MaxTitleLength} characters.");
            }
            else if (summary is { Length: > MaxSummaryLength })
            {
                reader.Reject($"summary may have at most {MaxSummaryLength} characters.");
            }
        }
        if (reader.Error is not null)
        {
            error = reader.Error;
            return null;
        }
        return new AlertSignal(status == "resolved" ? AlertAction.Resolve : AlertAction.Trigger, key!, title ?? "", summary, impact,
            Encoding.UTF8.GetString(body), At: null);
    }
}
