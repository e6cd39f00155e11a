namespace Callout.Storage.Rows;

/// The SELECTs both stores run, column for column the same, so one set of readers (RowReader) serves
/// both. Each listing has one statement text per combination of its filters, indexed by a bit per
/// filter, so every one stays a plain range scan of its index and is prepared once.
internal static class Selects
{
    public const string Contact = "SELECT alias, display_name, kind, plan FROM contacts WHERE account_id = @account AND region = @region";

    public const string Channel = """
        SELECT id, contact_alias, name, kind, address, activated, activation_code_hash,
               activation_code_expires, activation_codes_sent, created_at
        FROM channels WHERE account_id = @account AND region = @region
        """;

    // The snapshot is read on its own (FindSnapshotAsync): listing never loads it.
    public const string Engagement = """
        SELECT id, contact_alias, root_kind, sender, subject, content, public_subject, public_content,
               incident_id, start_time, stop_time, stop_reason
        FROM engagements WHERE account_id = @account AND region = @region
        """;

    public const string Page = """
        SELECT id, engagement_id, contact_alias, channel_id, resolution, essential, created_at,
               sent_time, delivery_time, read_time
        FROM pages WHERE account_id = @account AND region = @region
        """;

    public const string Delivery = """
        SELECT page_id, status, provider_message_id, updated_at FROM deliveries
        WHERE account_id = @account AND region = @region AND key = @key
        """;

    public const string Receipt = "SELECT seq, channel_id, kind, info, time FROM receipts WHERE account_id = @account AND region = @region AND page_id = @page_id";

    public const string Rotation = """
        SELECT id, name, contact_aliases, start_time, time_zone_id, created_at, recurrence
        FROM rotations WHERE account_id = @account AND region = @region
        """;

    public const string Override = """
        SELECT id, rotation_id, members, start_time, end_time, created_at
        FROM rotation_overrides WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id
        """;

    /// A scope's audit records, newest first; each filter applies only when its parameter is set.
    public const string ListAudit = """
        SELECT seq, time_ms, caller, source_address, operation, resource_arn, request_id, outcome
        FROM audit_events
        WHERE account_id = @account AND region = @region
          AND (@from IS NULL OR time_ms >= @from)
          AND (@to IS NULL OR time_ms < @to)
          AND (@operation IS NULL OR operation = @operation)
          AND (@resource_arn IS NULL OR resource_arn = @resource_arn)
          AND (@before IS NULL OR seq < @before)
        ORDER BY seq DESC LIMIT @limit
        """;

    /// The oldest audit records before @before, across all scopes (IStore.PurgeAuditAsync).
    public const string PurgeAudit = """
        DELETE FROM audit_events WHERE seq IN (
            SELECT seq FROM audit_events WHERE time_ms < @before ORDER BY time_ms LIMIT @limit)
        """;

    /// Newest first, across all scopes (IStore.ListOutboxAsync).
    public const string Outbox = """
        SELECT id, account_id, region, kind, channel_type, address, subject, body, created_at,
               contact_arn, channel_arn, page_arn, engagement_arn
        FROM outbox ORDER BY seq DESC LIMIT @limit
        """;

    /// Newest first, one scope's (IStore.ListOutboxAsync with a scope). A walk down the primary
    /// key that skips other scopes' rows: the outbox holds what no provider sent, a local tool's list.
    public const string OutboxOfScope = """
        SELECT id, account_id, region, kind, channel_type, address, subject, body, created_at,
               contact_arn, channel_arn, page_arn, engagement_arn
        FROM outbox WHERE account_id = @account AND region = @region ORDER BY seq DESC LIMIT @limit
        """;

    /// Index: 1 = alias prefix, 2 = kind, 4 = after an alias; each a range of the primary key.
    public static readonly string[] ListContacts = Variants(Contact, " ORDER BY alias LIMIT @limit",
        " AND alias >= @prefix AND alias < @prefix_end", " AND kind = @kind", " AND alias > @after");

    /// Index: 1 = incident, 2 = from, 4 = to, 8 = after; each a range scan of engagements_by_start
    /// (or engagements_by_incident) in index order.
    public static readonly string[] ListEngagements = Variants(Engagement, " ORDER BY start_time DESC, id DESC LIMIT @limit",
        " AND incident_id = @incident_id", " AND start_time >= @from", " AND start_time <= @to",
        " AND (start_time, id) < (@after_start, @after_id)");

    /// Index: 1 = engagement, 2 = person, 4 = after. Variants 0 and 4 name neither and are refused
    /// by the callers.
    public static readonly string[] ListPages = Variants(Page, " ORDER BY created_at DESC, id DESC LIMIT @limit",
        " AND engagement_id = @engagement_id", " AND contact_alias = @contact_alias", " AND (created_at, id) < (@after_created, @after_id)");

    /// Index: 1 = after a channel: a row-value comparison with that channel's own position; when
    /// the channel is gone the comparison is NULL and the page is empty rather than starting over.
    public static readonly string[] ListChannels = Variants(Channel + " AND contact_alias = @alias", " ORDER BY created_at, id LIMIT @limit",
        " AND (created_at, id) > (SELECT created_at, id FROM channels WHERE account_id = @account AND region = @region AND id = @after)");

    /// Index: 1 = person.
    public static readonly string[] UnreadPages = Variants(Page + " AND engagement_id = @engagement_id AND read_time IS NULL",
        " ORDER BY created_at, id", " AND contact_alias = @contact_alias");

    /// Index: 1 = after a sequence number.
    public static readonly string[] ListReceipts = Variants(Receipt, " ORDER BY seq LIMIT @limit", " AND seq > @after");

    /// Index: 1 = name prefix, 2 = after a (name, id); each a range of rotations_by_name.
    public static readonly string[] ListRotations = Variants(Rotation, " ORDER BY name, id LIMIT @limit",
        " AND name >= @prefix AND name < @prefix_end", " AND (name, id) > (@after_name, @after_id)");

    /// The index of a listing's statement: bit i is set when the i-th filter is given.
    public static int Variant(params object?[] filters) => filters.Select((filter, i) => filter is null ? 0 : 1 << i).Sum();

    /// One statement per combination of the filters, indexed as Variant says.
    static string[] Variants(string select, string order, params string[] filters) =>
        [.. Enumerable.Range(0, 1 << filters.Length).Select(variant =>
            select + string.Concat(filters.Where((_, i) => (variant & (1 << i)) != 0)) + order)];
}
