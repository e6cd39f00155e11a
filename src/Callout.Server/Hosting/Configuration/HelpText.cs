using System.Text;

namespace Callout.Server.Hosting.Configuration;

/// `--help`, written from the settings table.
static class HelpText
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: Callout.Server [options]");
        text.AppendLine();
        text.AppendLine("A flag wins over its environment variable, which wins over callout.json, which wins over the default.");
        text.AppendLine();
        text.AppendLine("Options:");
        Row(text, "--help", "Show this help and exit.", null);
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
