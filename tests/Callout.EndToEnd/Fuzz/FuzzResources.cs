using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Fuzz;

/// The fuzzer's account and the resources it made there, so valid requests sometimes find them.
sealed record FuzzResources(ApiClient Client, string ContactArn, string ChannelArn)
{
    public const string ContactAlias = "fuzz-target";

    /// A contact with one channel, in a fresh account.
    public static async Task<FuzzResources> CreateAsync(ApiClient client)
    {
        var contact = await client.OkAsync("CreateContact",
            $$"""{"Alias":"{{ContactAlias}}","Type":"PERSONAL","Plan":{"Stages":[]},"Tags":[{"Key":"team","Value":"fuzz"}]}""");
        var contactArn = contact.GetProperty("ContactArn").GetString()!;
        var channel = await client.OkAsync("CreateContactChannel",
            $$"""{"ContactId":"{{contactArn}}","Name":"mail","Type":"EMAIL","DeliveryAddress":{"SimpleAddress":"fuzz@example.com"},"DeferActivation":true}""");
        return new FuzzResources(client, contactArn, channel.GetProperty("ContactChannelArn").GetString()!);
    }

    /// An ARN of the kind the member names (ContactId, ContactChannelId, …) most of the time,
    /// else any kind, another account, or another partition.
    public string Arn(Random rng, FuzzText text, string member)
    {
        var kind = rng.Next(10) < 7 ? member switch
        {
            "ContactId" or "ContactArn" or "ContactIds" or "NewContactIds" or "ResourceARN" => rng.Next(3),
            "ContactChannelId" => rng.Next(2) == 0 ? 2 : 4,
            "EngagementId" => 5,
            "PageId" => 6,
            "RotationId" or "RotationIds" => 7,
            _ => rng.Next(12),
        } : rng.Next(12);
        return kind switch
        {
            0 or 1 => ContactArn,
            2 => ChannelArn,
            3 => Client.Arn("contact/" + text.Alias()),
            4 => Client.Arn($"contact-channel/{ContactAlias}/{text.Uuid()}"),
            5 => Client.Arn($"engagement/{ContactAlias}/{text.Uuid()}"),
            6 => Client.Arn($"page/{ContactAlias}/{text.Uuid()}"),
            7 or 8 => Client.Arn("rotation/" + text.Uuid()),
            9 => $"arn:aws:ssm-contacts:eu-west-1:999999999999:contact/{text.Alias()}",
            10 => $"arn:aws-cn:ssm-contacts:cn-north-1:{Client.Account}:contact/{ContactAlias}",
            _ => Client.Arn(text.AsciiWord() + "/" + text.AsciiWord()),
        };
    }
}
