namespace Callout.Server.Hosting.Configuration;

/// One configuration setting: its key in the configuration (and, split at ':', its place in
/// callout.json), its environment variable, its flag if it has one, and what --help says of it.
/// `IsSwitch` flags take no value (`--in-memory` means `--in-memory=true`).
sealed record Setting(string Key, string Env, string? Flag, string Default, string Meaning, bool IsSwitch = false)
{
    /// How error messages name the setting, so the reader finds it wherever it was set.
    public string Names => Flag is null ? $"{Env} ({FileKey} in callout.json)" : $"{Flag} ({Env}, {FileKey} in callout.json)";

    public string FileKey => Key.Replace(':', '.');
}
