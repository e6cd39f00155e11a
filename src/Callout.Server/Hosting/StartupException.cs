namespace Callout.Server.Hosting;

/// The server cannot start where it was asked to (the port is taken, the data directory or the
/// database cannot be used). Program prints the message as one line and exits with ExitCode: 1,
/// or 2 when retrying cannot help until the operator changes something (a database from a newer
/// version), so a process manager that restarts on failure can be told not to.
public sealed class StartupException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
