using Callout.EndToEnd.Harness;

namespace Callout.EndToEnd.Delivery;

/// A chosen provider without its settings stops the server at start-up with exit code 2 and a
/// message naming what is missing.
public sealed class DeliveryConfigurationTests
{
    static async Task<(int ExitCode, string Output)> StartAsync(Dictionary<string, string> environment)
    {
        var exit = await ServerCommand.RunToExitAsync(["--urls", "http://127.0.0.1:0", "--in-memory"], environment);
        return (exit.Code, exit.Stdout + exit.Stderr);
    }

    [Theory]
    // smtp needs a host and a From address.
    [InlineData("CALLOUT_EMAIL_PROVIDER", "smtp", "CALLOUT_SMTP_HOST")]
    // twilio needs the account, its token and the sending number.
    [InlineData("CALLOUT_SMS_PROVIDER", "twilio", "CALLOUT_TWILIO_AUTH_TOKEN")]
    // SMTP cannot carry SMS.
    [InlineData("CALLOUT_SMS_PROVIDER", "smtp", "CALLOUT_SMS_PROVIDER")]
    // A typo names the variable.
    [InlineData("CALLOUT_VOICE_PROVIDER", "twillio", "CALLOUT_VOICE_PROVIDER")]
    public async Task a_provider_without_its_settings_stops_the_server_with_exit_code_2(string variable, string value, string named)
    {
        var (exitCode, output) = await StartAsync(new() { [variable] = value });
        Assert.Equal(2, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
    }
}
