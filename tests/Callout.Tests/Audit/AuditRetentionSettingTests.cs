using Callout.Tests.Configuration;
using Xunit;

namespace Callout.Tests.Audit;

/// --audit-retention: whole days, 0 keeping records for ever; without it, --retention's window.
public sealed class AuditRetentionSettingTests : IDisposable
{
    readonly ConfigurationFixture _config = new();

    public void Dispose() => _config.Dispose();

    [Fact]
    public void the_flag_the_variable_and_the_file_set_the_days_kept()
    {
        _config.WriteFile("callout.json", """{ "audit": { "retention": 30 } }""");
        Assert.Equal(TimeSpan.FromDays(30), _config.Load().Server.AuditRetention);

        _config.Environment["CALLOUT_AUDIT_RETENTION"] = "90";
        Assert.Equal(TimeSpan.FromDays(90), _config.Load().Server.AuditRetention);

        Assert.Equal(TimeSpan.FromDays(7), _config.Load("--audit-retention", "7").Server.AuditRetention);
    }

    [Fact]
    public void without_a_window_of_its_own_the_audit_log_follows_retention()
    {
        Assert.Equal(TimeSpan.FromDays(90), _config.Load().Server.AuditRetention);
        Assert.Equal(TimeSpan.FromDays(30), _config.Load("--retention", "30d").Server.AuditRetention);
        Assert.Null(_config.Load("--retention", "0").Server.AuditRetention);
        Assert.Equal(TimeSpan.FromDays(400), _config.Load("--retention", "30", "--audit-retention", "400").Server.AuditRetention);
    }

    [Fact]
    public void zero_keeps_records_for_ever()
    {
        Assert.Null(_config.Load("--audit-retention", "0").Server.AuditRetention);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("36501")]
    [InlineData("99999999999999999999")]
    public void anything_but_a_whole_number_of_days_is_refused_naming_the_setting(string value)
    {
        var message = _config.LoadFails("--audit-retention", value);

        Assert.Contains("--audit-retention", message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", message, StringComparison.Ordinal);
    }
}
