namespace Callout.Storage.Rows;

/// The INSERTs, UPDATEs and DELETEs both stores run, word for word the same, as Selects is for
/// reads. A new column is added here and in one migration per database. What a database spells
/// its own way lives with its session (SqliteSession, PostgresSession) or in StepStatements.
internal static class Writes
{
    // Tags are keyed by @tag_region, the region of the resource (StoreSession.TagRegion).
    public const string DeleteTags = "DELETE FROM tags WHERE account_id = @account AND region = @tag_region AND resource_arn = @arn";

    public const string InsertTag = """
        INSERT INTO tags (account_id, region, resource_arn, key, value)
        VALUES (@account, @tag_region, @arn, @key, @value)
        """;

    public const string PutPolicy = """
        INSERT INTO policies (account_id, region, contact_alias, policy, updated_at)
        VALUES (@account, @region, @alias, @policy, @now)
        ON CONFLICT (account_id, region, contact_alias) DO UPDATE
        SET policy = excluded.policy, updated_at = excluded.updated_at
        """;

    public const string InsertContact = """
        INSERT INTO contacts (account_id, region, alias, display_name, kind, plan, created_at, updated_at)
        VALUES (@account, @region, @alias, @display_name, @kind, @plan, @now, @now)
        """;

    public const string UpdateContact = """
        UPDATE contacts SET display_name = @display_name, kind = @kind, plan = @plan, updated_at = @now
        WHERE account_id = @account AND region = @region AND alias = @alias
        """;

    public const string DeleteChannelsOfContact = "DELETE FROM channels WHERE account_id = @account AND region = @region AND contact_alias = @alias";

    public const string DeletePolicy = "DELETE FROM policies WHERE account_id = @account AND region = @region AND contact_alias = @alias";

    public const string DeleteContact = "DELETE FROM contacts WHERE account_id = @account AND region = @region AND alias = @alias";

    public const string InsertChannel = """
        INSERT INTO channels (account_id, region, id, contact_alias, name, kind, address, activated,
            activation_code_hash, activation_code_expires, activation_codes_sent, created_at)
        VALUES (@account, @region, @id, @alias, @name, @kind, @address, @activated,
            @code_hash, @code_expires, @codes_sent, @created_at)
        """;

    /// The owner and creation time are fixed at insert.
    public const string UpdateChannel = """
        UPDATE channels SET name = @name, kind = @kind, address = @address, activated = @activated,
            activation_code_hash = @code_hash, activation_code_expires = @code_expires,
            activation_codes_sent = @codes_sent
        WHERE account_id = @account AND region = @region AND id = @id
        """;

    public const string DeleteChannel = "DELETE FROM channels WHERE account_id = @account AND region = @region AND id = @id";

    public const string PutIdempotency = """
        INSERT INTO idempotency (account_id, region, operation, token, request_hash, response, created_at)
        VALUES (@account, @region, @operation, @token, @request_hash, @response, @created_at)
        ON CONFLICT (account_id, region, operation, token) DO UPDATE
        SET request_hash = excluded.request_hash, response = excluded.response, created_at = excluded.created_at
        """;

    public const string InsertRotation = """
        INSERT INTO rotations (account_id, region, id, name, contact_aliases, start_time, time_zone_id, created_at, recurrence)
        VALUES (@account, @region, @id, @name, @contact_aliases, @start_time, @time_zone_id, @created_at, @recurrence)
        """;

    /// Members are kept in rotation_members by a trigger (the rotations migration of each database).
    public const string UpdateRotation = """
        UPDATE rotations SET name = @name, contact_aliases = @contact_aliases, start_time = @start_time,
            time_zone_id = @time_zone_id, created_at = @created_at, recurrence = @recurrence
        WHERE account_id = @account AND region = @region AND id = @id
        """;

    public const string DeleteOverridesOfRotation = "DELETE FROM rotation_overrides WHERE account_id = @account AND region = @region AND rotation_id = @id";

    public const string DeleteRotation = "DELETE FROM rotations WHERE account_id = @account AND region = @region AND id = @id";

    public const string InsertOverride = """
        INSERT INTO rotation_overrides (account_id, region, rotation_id, id, members, start_time, end_time, created_at)
        VALUES (@account, @region, @rotation_id, @id, @members, @start_time, @end_time, @created_at)
        """;

    public const string DeleteOverride = """
        DELETE FROM rotation_overrides
        WHERE account_id = @account AND region = @region AND rotation_id = @rotation_id AND id = @id
        """;

    public const string InsertEngagement = """
        INSERT INTO engagements (account_id, region, id, contact_alias, root_kind, sender, subject, content,
            public_subject, public_content, incident_id, start_time, stop_time, stop_reason, snapshot)
        VALUES (@account, @region, @id, @alias, @root_kind, @sender, @subject, @content,
            @public_subject, @public_content, @incident_id, @start_time, @stop_time, @stop_reason, @snapshot)
        """;

    public const string StopEngagement = """
        UPDATE engagements SET stop_time = @stop_time, stop_reason = @stop_reason
        WHERE account_id = @account AND region = @region AND id = @id AND stop_time IS NULL
        """;

    public const string InsertPage = """
        INSERT INTO pages (account_id, region, id, engagement_id, contact_alias, channel_id, resolution,
            essential, created_at, sent_time, delivery_time, read_time)
        VALUES (@account, @region, @id, @engagement_id, @contact_alias, @channel_id, @resolution,
            @essential, @created_at, @sent_time, @delivery_time, @read_time)
        """;

    public const string UpdatePage = """
        UPDATE pages SET sent_time = @sent_time, delivery_time = @delivery_time, read_time = @read_time
        WHERE account_id = @account AND region = @region AND id = @id
        """;

    public const string MarkPageSent = "UPDATE pages SET sent_time = @sent_time WHERE account_id = @account AND region = @region AND id = @id";

    public const string AddReceipt = """
        INSERT INTO receipts (account_id, region, page_id, channel_id, kind, info, time)
        VALUES (@account, @region, @page_id, @channel_id, @kind, @info, @time)
        """;

    /// The first acknowledgement of a person stands; a repeated one changes nothing.
    public const string AddAcknowledgement = """
        INSERT INTO acknowledgements (account_id, region, engagement_id, contact_alias, time)
        VALUES (@account, @region, @engagement_id, @contact_alias, @time)
        ON CONFLICT (account_id, region, engagement_id, contact_alias) DO NOTHING
        """;

    public const string PutDelivery = """
        INSERT INTO deliveries (account_id, region, key, page_id, status, provider_message_id, updated_at)
        VALUES (@account, @region, @key, @page_id, @status, @provider_message_id, @updated_at)
        ON CONFLICT (account_id, region, key) DO UPDATE
        SET page_id = excluded.page_id, status = excluded.status,
            provider_message_id = excluded.provider_message_id, updated_at = excluded.updated_at
        """;

    public const string AppendOutbox = """
        INSERT INTO outbox (id, account_id, region, kind, channel_type, address, subject, body, created_at,
                            contact_arn, channel_arn, page_arn, engagement_arn)
        VALUES (@id, @account, @region, @kind, @channel_type, @address, @subject, @body, @created_at,
                @contact_arn, @channel_arn, @page_arn, @engagement_arn)
        ON CONFLICT (id) DO NOTHING
        """;

    public const string AppendAudit = """
        INSERT INTO audit_events (account_id, region, time_ms, caller, source_address, operation, resource_arn, request_id, outcome)
        VALUES (@account, @region, @time, @caller, @source_address, @operation, @resource_arn, @request_id, @outcome)
        """;
}
