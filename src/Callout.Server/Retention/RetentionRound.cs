namespace Callout.Server.Retention;

/// What one round of RetentionPurge removed and what it cost.
sealed class RetentionRound
{
    public int Engagements { get; set; }
    public int Incidents { get; set; }
    public int Outbox { get; set; }
    public int WrongTries { get; set; }
    public int Audit { get; set; }
    public int Idempotency { get; set; }
    public long ReclaimedBytes { get; set; }
    public TimeSpan Elapsed { get; set; }

    public int Removed => Engagements + Incidents + Outbox + WrongTries + Audit + Idempotency;
}
