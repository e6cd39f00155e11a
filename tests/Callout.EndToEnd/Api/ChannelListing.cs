using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Api;

static class ChannelListing
{
    /// Every channel ARN of the contact, following NextToken with pages of `pageSize`.
    public static async Task<List<string>> AllAsync(ApiClient client, string contact, int pageSize)
    {
        var listed = new List<string>();
        string? token = null;
        do
        {
            var page = await client.OkAsync("ListContactChannels", token is null
                ? $$$"""{"ContactId":"{{{contact}}}","MaxResults":{{{pageSize}}}}"""
                : $$$"""{"ContactId":"{{{contact}}}","MaxResults":{{{pageSize}}},"NextToken":"{{{token}}}"}""");
            listed.AddRange(page.GetProperty("ContactChannels").EnumerateArray().Select(c => c.GetProperty("ContactChannelArn").GetString()!));
            token = page.TryGetProperty("NextToken", out var t) ? t.GetString() : null;
        }
        while (token is not null);
        return listed;
    }
}
