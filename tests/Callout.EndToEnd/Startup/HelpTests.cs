using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Startup;

public sealed class HelpTests
{
    /// Every flag of the README's configuration table with its variable.
    public static TheoryData<string, string> Flags => new()
    {
        { "--urls", "CALLOUT_URLS" },
        { "--data-dir", "CALLOUT_DATA_DIR" },
        { "--store", "CALLOUT_STORE" },
        { "--in-memory", "CALLOUT_IN_MEMORY" },
        { "--auth", "CALLOUT_AUTH" },
        { "--credentials-file", "CALLOUT_CREDENTIALS_FILE" },
        { "--credentials", "CALLOUT_CREDENTIALS" },
        { "--default-account", "CALLOUT_DEFAULT_ACCOUNT" },
        { "--default-region", "CALLOUT_DEFAULT_REGION" },
        { "--regions", "CALLOUT_REGIONS" },
        { "--throttle-rate", "CALLOUT_THROTTLE_RATE" },
        { "--throttle-burst", "CALLOUT_THROTTLE_BURST" },
        { "--max-connections", "CALLOUT_MAX_CONNECTIONS" },
        { "--max-buffered-bytes", "CALLOUT_MAX_BUFFERED_BYTES" },
        { "--clock", "CALLOUT_CLOCK" },
        { "--public-url", "CALLOUT_PUBLIC_URL" },
        { "--config", "CALLOUT_CONFIG" },
        { "--allow-unauthenticated-remote-access", "CALLOUT_ALLOW_UNAUTHENTICATED_REMOTE_ACCESS" },
        { "--metrics-urls", "CALLOUT_METRICS_URLS" },
        { "--metrics-auth", "CALLOUT_METRICS_AUTH" },
        { "--log-format", "CALLOUT_LOG_FORMAT" },
        { "--shutdown-timeout", "CALLOUT_SHUTDOWN_TIMEOUT" },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public async Task help_lists_the_flag_with_its_variable_and_default_and_exits_0(string flag, string variable)
    {
        var exit = await ServerCommand.RunToExitAsync(["--help"]);

        Assert.Equal(0, exit.Code);
        Assert.Equal("", exit.Stderr);
        // The flag's entry runs from its line to the next flag's.
        var lines = exit.Stdout.Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(flag + " ", StringComparison.Ordinal) || l.Trim() == flag);
        Assert.True(at >= 0, $"{flag} is not in --help:\n{exit.Stdout}");
        var entry = string.Join('\n', lines.Skip(at).TakeWhile((l, i) => i == 0 || !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        Assert.Contains(variable, entry, StringComparison.Ordinal);
        Assert.Contains("default", entry, StringComparison.Ordinal);
    }

    [Fact]
    public async Task help_lists_the_delivery_variables()
    {
        var exit = await ServerCommand.RunToExitAsync(["--help"]);
        foreach (var variable in new[] { "CALLOUT_EMAIL_PROVIDER", "CALLOUT_SMS_PROVIDER", "CALLOUT_VOICE_PROVIDER", "CALLOUT_SMTP_HOST", "CALLOUT_TWILIO_AUTH_TOKEN", "CALLOUT_WEBHOOK_SECRET", "CALLOUT_LOG_LEVEL" })
        {
            Assert.Contains(variable, exit.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task help_names_the_opentelemetry_variables_that_turn_traces_on()
    {
        var exit = await ServerCommand.RunToExitAsync(["--help"]);

        foreach (var variable in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME" })
        {
            Assert.Contains(variable, exit.Stdout, StringComparison.Ordinal);
        }
    }
}
