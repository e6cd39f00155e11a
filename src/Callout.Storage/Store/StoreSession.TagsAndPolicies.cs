using System.Data.Common;
using Callout.Storage.Rows;
using NodaTime;

namespace Callout.Storage.Store;

internal abstract partial class StoreSession
{
    public async Task<IReadOnlyDictionary<string, string>> GetTagsAsync(string resourceArn, CancellationToken ct)
    {
        var rows = await ListAsync(Read("SELECT key, value FROM tags WHERE account_id = @account AND region = @tag_region AND resource_arn = @arn")
            .Bind("@arn", resourceArn)
            .Bind("@tag_region", TagRegion(resourceArn)), r => KeyValuePair.Create(r.GetString(0), r.GetString(1)), ct).ConfigureAwait(false);
        return new SortedDictionary<string, string>(new Dictionary<string, string>(rows, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public async Task SetTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await WriteAsync(DeleteTags(resourceArn), ct).ConfigureAwait(false);
        await InsertTagsAsync(resourceArn, tags, ct).ConfigureAwait(false);
    }

    /// One prepared INSERT per tag; a database that takes arrays may send them all at once.
    protected virtual async Task InsertTagsAsync(string resourceArn, IReadOnlyDictionary<string, string> tags, CancellationToken ct)
    {
        foreach (var (key, value) in tags)
        {
            await WriteAsync(Write(Writes.InsertTag)
                .Bind("@arn", resourceArn)
                .Bind("@tag_region", TagRegion(resourceArn))
                .Bind("@key", key)
                .Bind("@value", value), ct).ConfigureAwait(false);
        }
    }

    protected DbCommand DeleteTags(string resourceArn) => Write(Writes.DeleteTags)
        .Bind("@arn", resourceArn)
        .Bind("@tag_region", TagRegion(resourceArn));

    /// The region a resource's tags are kept under. An ARN with an empty region field
    /// (`arn:aws:ssm-incidents::ACCOUNT:response-plan/NAME`) names an account-wide resource, so its
    /// tags are kept under the empty region and every region of the account sees the same ones
    /// (docs/decisions.md, Incident tags); any other resource's tags belong to the session's region.
    protected string TagRegion(string resourceArn)
    {
        var fields = resourceArn.Split(':', 5);
        return fields.Length == 5 && fields[0] == "arn" && fields[3].Length == 0 ? "" : Scope.Region;
    }

    public async Task<string?> GetPolicyAsync(string contactAlias, CancellationToken ct) =>
        await ScalarAsync(Read("SELECT policy FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias")
            .Bind("@alias", contactAlias), ct).ConfigureAwait(false) as string;

    public async Task PutPolicyAsync(string contactAlias, string policy, Instant now, CancellationToken ct) =>
        await WriteAsync(Write(Writes.PutPolicy)
            .Bind("@alias", contactAlias)
            .Bind("@policy", policy)
            .Bind("@now", Columns.Millis(now)), ct).ConfigureAwait(false);
}
