using System.Text;

namespace Callout.Server.Hosting.Configuration;

/// `--help`, written from the settings table.
static class HelpText
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: callout [command] [options]");
        text.AppendLine();
        text.AppendLine("Commands:");
        text.AppendLine("  serve          Run the server (the default).");
        text.AppendLine("  check-config   Check the settings below and exit: 0 when valid, 2 naming the first bad one.");
        text.AppendLine("  migrate        Bring the store's schema up to this version and exit.");
        text.AppendLine("  backup         Copy the store to a file (docs/operations.md).");
        text.AppendLine("  restore        Put a backup in place of the store (docs/operations.md).");
        text.AppendLine("  users          Add, list, remove web console users, set a password (docs/console.md).");
        text.AppendLine();
        text.AppendLine("A flag wins over its environment variable, which wins over callout.json, which wins over the default.");
        text.AppendLine();
        text.AppendLine("Options:");
        Row(text, "--help", "Show this help and exit.", null);
        Row(text, "--version", "Show the version and exit.", null);
        Row(text, Settings.ConfigFlag + " FILE", "JSON file of the settings below, keyed as shown (\"server.urls\" is {\"server\": {\"urls\": ...}}).",
            $"{Settings.ConfigEnv}; default ./{Settings.DefaultConfigFile} if present");
        foreach (var s in Settings.All.Where(s => s.Flag is not null))
        {
            Row(text, s.IsSwitch ? s.Flag! : s.Flag + " VALUE", s.Meaning, $"{s.Env}; {s.FileKey} in the file; default {s.Default}");
        }
        text.AppendLine();
        text.AppendLine("Environment variables and callout.json only (docs/delivery.md):");
        foreach (var s in Settings.All.Where(s => s.Flag is null))
        {
            Row(text, s.Env, s.Meaning, $"{s.FileKey} in the file; default {s.Default}");
        }
        text.AppendLine();
        // OpenTelemetry's own variables, read as its SDK documents them, not Callout settings.
        text.AppendLine("Traces, by OpenTelemetry's standard variables (docs/configuration.md, \"Traces\"):");
        Row(text, "OTEL_EXPORTER_OTLP_ENDPOINT", "Export a span per API call, alert, engine step and provider call over OTLP to this URL; off when unset.", null);
        Row(text, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf (the default) or grpc.", null);
        Row(text, "OTEL_SERVICE_NAME", "The service name of the spans; default callout. OTEL_TRACES_SAMPLER, OTEL_BSP_* and the other OTEL_* variables work as the SDK documents.", null);
        return text.ToString();
    }

    static void Row(StringBuilder text, string name, string meaning, string? where)
    {
        text.Append("  ").AppendLine(name);
        text.Append("      ").AppendLine(meaning);
        if (where is not null)
        {
            text.Append("      ").AppendLine(where);
        }
    }
}
