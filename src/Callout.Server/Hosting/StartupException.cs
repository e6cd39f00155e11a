namespace Callout.Server.Hosting;

/// The server cannot start where it was asked to (the port is taken, the data directory or the
/// database cannot be used). Program prints the message as one line and exits with code 1.
public sealed class StartupException(string message) : Exception(message);
