using Callout.Domain.Arns;
using Callout.Domain.Errors;
using Xunit;

namespace Callout.Tests.Domain;

public sealed class ResourceArnTests
{
    static readonly AccountScope Caller = AccountScope.For("us-east-2", "111122223333");

    [Theory]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:contact/akuam", ResourceKind.Contact, "akuam", "")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:contact-channel/akuam/02f506b9-ea5d-4764-af89-2daa793ff024", ResourceKind.ContactChannel, "akuam", "02f506b9-ea5d-4764-af89-2daa793ff024")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:engagement/example_escalation/69e40ce1-8dbb-4d57-8962-5fbe7fc53356", ResourceKind.Engagement, "example_escalation", "69e40ce1-8dbb-4d57-8962-5fbe7fc53356")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:page/akuam/94ea0c7b-56d9-46c3-b84a-a37c8b067ad3", ResourceKind.Page, "akuam", "94ea0c7b-56d9-46c3-b84a-a37c8b067ad3")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:rotation/0d1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b", ResourceKind.Rotation, "", "0d1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b")]
    public void the_arns_aws_returns_parse_into_their_parts(string text, ResourceKind kind, string alias, string id)
    {
        Assert.True(ResourceArn.TryParse(text, out var arn));
        Assert.Equal(kind, arn.Kind);
        Assert.Equal(alias, arn.Alias);
        Assert.Equal(id, arn.Id);
        Assert.Equal(text, arn.ToString());
    }

    [Fact]
    public void the_iam_spelling_of_a_channel_arn_is_read_and_written_back_with_a_hyphen()
    {
        Assert.True(ResourceArn.TryParse("arn:aws:ssm-contacts:us-east-2:111122223333:contactchannel/akuam/abc", out var arn));
        Assert.Equal("arn:aws:ssm-contacts:us-east-2:111122223333:contact-channel/akuam/abc", arn.ToString());
    }

    [Theory]
    [InlineData("akuam")]
    [InlineData("arn:aws:ssm:us-east-2:111122223333:contact/akuam")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:contact/")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:contact/a/b")]
    [InlineData("arn:aws:ssm-contacts:us-east-2:111122223333:widget/a")]
    public void text_that_is_not_an_ssm_contacts_resource_arn_does_not_parse(string text) =>
        Assert.False(ResourceArn.TryParse(text, out _));

    [Fact]
    public void an_arn_of_another_account_or_region_names_nothing_the_caller_can_see()
    {
        Assert.Throws<ResourceNotFound>(() => ArnResolver.Resolve("arn:aws:ssm-contacts:us-east-2:999999999999:contact/a", ResourceKind.Contact, Caller, "contactId"));
        Assert.Throws<ResourceNotFound>(() => ArnResolver.Resolve("arn:aws:ssm-contacts:eu-west-1:111122223333:contact/a", ResourceKind.Contact, Caller, "contactId"));
    }

    [Fact]
    public void an_arn_of_the_wrong_kind_is_invalid() =>
        Assert.Throws<InvalidRequest>(() => ArnResolver.Resolve("arn:aws:ssm-contacts:us-east-2:111122223333:page/a/b", ResourceKind.Contact, Caller, "contactId"));

    [Theory]
    [InlineData("us-east-1", "aws")]
    [InlineData("cn-northwest-1", "aws-cn")]
    [InlineData("us-gov-east-1", "aws-us-gov")]
    public void the_partition_follows_the_region(string region, string partition) =>
        Assert.Equal(partition, AccountScope.For(region, "111122223333").Partition);
}
