namespace Callout.Storage;

/// The database lists migrations this build does not have: a newer Callout wrote it (or one built
/// from other sources). This build must not write to a schema it does not know, so it refuses the
/// database rather than serve from it (docs/operations.md, Upgrades).
public sealed class SchemaTooNewException(IReadOnlyList<string> unknown, int newestKnown)
    : InvalidOperationException(
        $"The database was written by a newer Callout: it has schema migrations this build does not know ({string.Join(", ", unknown)}; "
        + $"this build knows up to version {newestKnown}). Run that newer version, or restore a backup taken before the upgrade.")
{
    /// The unknown migrations as the database lists them, `NNNN_name`.
    public IReadOnlyList<string> Unknown { get; } = unknown;
}
