namespace Callout.Protocol.Dispatch;

/// What a state-changing handler tells the endpoint about its audit record: the resource it acted
/// on, and whether the record went into the transaction of its change. The endpoint writes the
/// record itself, in a write of its own, when the call was refused or changed nothing.
public sealed class AuditNote
{
    public string? ResourceArn { get; set; }

    public bool Written { get; set; }
}
