using System.Globalization;
using Callout.Domain.Arns;
using Callout.Domain.Channels;
using Callout.Domain.Contacts;
using Callout.Domain.Plans;
using Callout.Domain.Ports;
using NodaTime;
using Xunit;

namespace Callout.Storage.Tests;

/// The IStore contract, run once per backend (Wolverine's MessageStoreCompliance). A
/// subclass only builds the store; every test goes through the contract alone. Tests are split
/// by concern into partial files.
public abstract partial class StoreCompliance : IAsyncLifetime
{
    protected static readonly Instant T0 = Instant.FromUtc(2025, 3, 1, 12, 0, 0);

    static readonly CancellationToken Ct = CancellationToken.None;

    // A fresh account per test keeps tests apart even where a backend's tests share one database.
    protected AccountScope Scope { get; } = AccountScope.For("us-east-1", NewAccountId());

    protected IStore Store { get; private set; } = null!;

    protected abstract IStore CreateStore();

    /// Removes whatever the store left behind (files, schemas) after it is disposed.
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        Store = CreateStore();
        await Store.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await CleanupAsync();
    }

    /// Swaps in another store over the same data, as a restarted server would have.
    protected async Task ReplaceStoreAsync(IStore next)
    {
        await Store.DisposeAsync();
        Store = next;
        await Store.MigrateAsync(Ct);
    }

    protected static string NewAccountId() =>
        ((long)(Guid.NewGuid().GetHashCode() & 0x7fffffff) * 10 + 1).ToString("D12", CultureInfo.InvariantCulture);

    protected Task<IStoreSession> WriteAsync(AccountScope? scope = null) => Store.OpenAsync(scope ?? Scope, write: true, Ct);

    protected Task<IStoreSession> ReadAsync(AccountScope? scope = null) => Store.OpenAsync(scope ?? Scope, write: false, Ct);

    protected async Task CommitAsync(AccountScope scope, Func<IStoreSession, Task> work)
    {
        await using var session = await WriteAsync(scope);
        await work(session);
        await session.CommitAsync(Ct);
    }

    protected Task CommitAsync(Func<IStoreSession, Task> work) => CommitAsync(Scope, work);

    /// One write session whose answer is returned and whose changes are committed.
    protected async Task<T> QueryWriteAsync<T>(Func<IStoreSession, Task<T>> work)
    {
        await using var session = await WriteAsync();
        var result = await work(session);
        await session.CommitAsync(Ct);
        return result;
    }

    protected async Task<T> QueryAsync<T>(AccountScope scope, Func<IStoreSession, Task<T>> query)
    {
        await using var session = await ReadAsync(scope);
        return await query(session);
    }

    protected Task<T> QueryAsync<T>(Func<IStoreSession, Task<T>> query) => QueryAsync(Scope, query);

    protected Task InsertAsync(params Contact[] contacts) => InsertAsync(Scope, contacts);

    protected Task InsertAsync(AccountScope scope, params Contact[] contacts) => CommitAsync(scope, async s =>
    {
        foreach (var contact in contacts)
        {
            await s.InsertContactAsync(contact, T0, Ct);
        }
    });

    protected Contact Personal(string alias, Plan? plan = null, string? displayName = "Jane Doe", AccountScope? scope = null) =>
        new(ResourceArn.Contact(scope ?? Scope, alias), alias, displayName, ContactKind.Personal, plan ?? Plan.Empty);

    protected Contact Escalation(string alias, Plan? plan = null, AccountScope? scope = null) =>
        new(ResourceArn.Contact(scope ?? Scope, alias), alias, "Escalation " + alias, ContactKind.Escalation, plan ?? Plan.Empty);

    protected Contact Schedule(string alias, params string[] rotationIds) =>
        new(ResourceArn.Contact(Scope, alias), alias, null, ContactKind.OncallSchedule, new Plan([], rotationIds));

    protected ContactChannel Channel(string alias, string id, Instant createdAt, ChannelKind kind = ChannelKind.Email,
        AccountScope? scope = null) =>
        new(ResourceArn.Channel(scope ?? Scope, alias, id), alias, "channel " + id, kind,
            kind == ChannelKind.Email ? "jane@example.com" : "+15005550199",
            Activated: false, ActivationCodeHash: null, ActivationCodeExpires: null, ActivationCodesSent: [], createdAt);

    protected static string Id(int n) => $"00000000-0000-7000-8000-{n:D12}";

    protected static CancellationToken None => Ct;
}
