namespace Callout.Storage.Migrations;

/// One schema step, named `NNNN_what.sql`; NNNN is the version recorded once the step is applied.
internal sealed record Migration(int Version, string Name, string Sql);
