namespace Callout.Server.Hosting;

public sealed class OptionsException(string message) : Exception(message);
