using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Callout.Bench.Engine;

/// What the sink keeps: every page send, the newest activation code per address, and counts of
/// the rest. Keys starting "activation:" are activation messages (ActivationIssuer), "baseline:"
/// the driver's own posts; anything else is a page.
sealed partial class SinkState(string secret)
{
    public const string SubjectPrefix = "bench e";
    public const string BaselinePrefix = "baseline:";

    readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);
    readonly ConcurrentQueue<PageArrival> _pages = new();
    readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    long _baseline;
    long _badSignatures;
    long _unreadable;

    public void Accept(string key, string signature, ReadOnlySpan<byte> body, long arrivedTicks)
    {
        // WebhookSignature: "sha256=" + lower-case hex HMAC-SHA256(secret, raw body). Checked so a
        // send the engine garbled counts against it; cheap next to the rest of a send.
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal)
            || !string.Equals(signature[7..], Convert.ToHexStringLower(HMACSHA256.HashData(_secret, body)), StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _badSignatures);
        }
        if (key.StartsWith(BaselinePrefix, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _baseline);
            return;
        }
        var (subject, address, text) = Members(body);
        if (key.StartsWith("activation:", StringComparison.Ordinal))
        {
            if (address is not null && text is not null && ActivationCode().Match(text) is { Success: true } code)
            {
                _codes[address] = code.Value.Replace(" ", "", StringComparison.Ordinal);
            }
            else
            {
                Interlocked.Increment(ref _unreadable);
            }
            return;
        }
        var engagement = subject is not null && subject.StartsWith(SubjectPrefix, StringComparison.Ordinal)
            && int.TryParse(subject.AsSpan(SubjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        _pages.Enqueue(new PageArrival(key, engagement, arrivedTicks));
    }

    /// The subject, address and body members of a webhook post (WebhookSender.Body).
    static (string? Subject, string? Address, string? Body) Members(ReadOnlySpan<byte> json)
    {
        string? subject = null, address = null, body = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }
                if (reader.ValueTextEquals("subject"u8))
                {
                    reader.Read();
                    subject = reader.GetString();
                }
                else if (reader.ValueTextEquals("address"u8))
                {
                    reader.Read();
                    address = reader.GetString();
                }
                else if (reader.ValueTextEquals("body"u8))
                {
                    reader.Read();
                    body = reader.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Counted by the caller as a page of no engagement, or an unreadable activation.
        }
        return (subject, address, body);
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"pages={_pages.Count} baseline={Interlocked.Read(ref _baseline)} bad_signatures={Interlocked.Read(ref _badSignatures)} unreadable={Interlocked.Read(ref _unreadable)} codes={_codes.Count}\n");

    /// The page count of a Summary().
    public static long PageCountOf(string summary) =>
        summary.Split(' ').Where(p => p.StartsWith("pages=", StringComparison.Ordinal))
            .Select(p => long.Parse(p.AsSpan(6), CultureInfo.InvariantCulture)).First();

    /// "address\tcode" lines.
    public string ActivationCodes()
    {
        var text = new StringBuilder();
        foreach (var (address, code) in _codes)
        {
            text.Append(address).Append('\t').Append(code).Append('\n');
        }
        return text.ToString();
    }

    /// "key\tengagement\tticks" lines, in arrival order.
    public string Pages()
    {
        var text = new StringBuilder(_pages.Count * 64);
        foreach (var page in _pages)
        {
            text.Append(page.Key).Append('\t').Append(page.Engagement).Append('\t').Append(page.ArrivedTicks).Append('\n');
        }
        return text.ToString();
    }

    /// The pages of a Pages() text.
    public static List<PageArrival> ParsePages(string text)
    {
        var pages = new List<PageArrival>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            pages.Add(new PageArrival(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
        return pages;
    }

    // As tests/Callout.EndToEnd/Engagements/Paging.cs reads it; voice spells the code digit by digit.
    [GeneratedRegex(@"\b[0-9]( ?[0-9]){5}\b")]
    private static partial Regex ActivationCode();
}
