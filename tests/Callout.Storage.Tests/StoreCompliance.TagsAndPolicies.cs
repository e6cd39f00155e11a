using Callout.Domain.Arns;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

public abstract partial class StoreCompliance
{
    [Fact]
    public async Task tags_are_read_back_sorted_by_key()
    {
        await InsertAsync(Personal("jane"));
        var arn = ResourceArn.Contact(Scope, "jane").ToString();
        await CommitAsync(s => s.SetTagsAsync(arn, new Dictionary<string, string> { ["team"] = "ops", ["Env"] = "prod", ["cost-center"] = "42" }, None));

        var tags = await QueryAsync(s => s.GetTagsAsync(arn, None));

        Assert.Equal(["Env", "cost-center", "team"], tags.Keys);
        Assert.Equal(["prod", "42", "ops"], tags.Values);
    }

    [Fact]
    public async Task setting_tags_replaces_every_earlier_tag()
    {
        await InsertAsync(Personal("jane"));
        var arn = ResourceArn.Contact(Scope, "jane").ToString();
        await CommitAsync(s => s.SetTagsAsync(arn, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, None));

        await CommitAsync(s => s.SetTagsAsync(arn, new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, None));

        var tags = await QueryAsync(s => s.GetTagsAsync(arn, None));
        Assert.Equal(new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" }, tags);
    }

    [Fact]
    public async Task setting_no_tags_removes_them_all()
    {
        var arn = ResourceArn.Contact(Scope, "jane").ToString();
        await CommitAsync(s => s.SetTagsAsync(arn, new Dictionary<string, string> { ["a"] = "1" }, None));

        await CommitAsync(s => s.SetTagsAsync(arn, new Dictionary<string, string>(), None));

        Assert.Empty(await QueryAsync(s => s.GetTagsAsync(arn, None)));
    }

    [Fact]
    public async Task tags_belong_to_one_resource_arn()
    {
        var jane = ResourceArn.Contact(Scope, "jane").ToString();
        var rotation = $"{Scope.Prefix}rotation/{Id(1)}";
        await CommitAsync(async s =>
        {
            await s.SetTagsAsync(jane, new Dictionary<string, string> { ["who"] = "jane" }, None);
            await s.SetTagsAsync(rotation, new Dictionary<string, string> { ["who"] = "rotation" }, None);
        });

        Assert.Equal("jane", (await QueryAsync(s => s.GetTagsAsync(jane, None)))["who"]);
        Assert.Equal("rotation", (await QueryAsync(s => s.GetTagsAsync(rotation, None)))["who"]);
        Assert.Empty(await QueryAsync(s => s.GetTagsAsync(ResourceArn.Contact(Scope, "joe").ToString(), None)));
    }

    [Fact]
    public async Task a_policy_is_stored_then_replaced()
    {
        await InsertAsync(Personal("jane"));
        await CommitAsync(s => s.PutPolicyAsync("jane", "{\"Version\":\"2012-10-17\"}", T0, None));
        Assert.Equal("{\"Version\":\"2012-10-17\"}", await QueryAsync(s => s.GetPolicyAsync("jane", None)));

        await CommitAsync(s => s.PutPolicyAsync("jane", "{\"Statement\":[]}", T0 + Duration.FromSeconds(1), None));

        Assert.Equal("{\"Statement\":[]}", await QueryAsync(s => s.GetPolicyAsync("jane", None)));
    }

    [Fact]
    public async Task a_contact_without_a_policy_has_none()
    {
        await InsertAsync(Personal("jane"));

        Assert.Null(await QueryAsync(s => s.GetPolicyAsync("jane", None)));
    }
}
