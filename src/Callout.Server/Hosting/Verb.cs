namespace Callout.Server.Hosting;

/// What `callout VERB [options]` was asked to do (Verbs).
enum Verb
{
    Serve,
    CheckConfig,
    Migrate,
    Backup,
    Restore,
    Users,
}
