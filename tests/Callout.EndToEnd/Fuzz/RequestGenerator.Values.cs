using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Callout.EndToEnd.Fuzz;

/// Valid strings per model shape, the mutations, and bodies that are not a request at all.
sealed partial class RequestGenerator
{
    static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "1.5", "0.0", "1E2", "5e-1", "1e400", "-1e400", "1e-400", "2147483648", "-2147483649",
        "9223372036854775808", "123456789012345678901234567890", "0.000000000000000000000000000001",
    ];

    static readonly string[] TimeZones =
    [
        "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
        "Etc/GMT+12", "America/Argentina/Buenos_Aires", "Mars/Olympus_Mons",
    ];

    string ValidString(string shapeName, JsonElement shape, string member)
    {
        var values = model.Enum(shapeName);
        if (values.Count > 0)
        {
            return values[rng.Next(values.Count)];
        }
        if (Incidents is not null && IncidentString(shapeName, member) is { } incidents)
        {
            return incidents;
        }
        return shapeName switch
        {
            "SsmContactsArn" or "AmazonResourceName" => resources.Arn(rng, _text, member),
            "ContactAlias" => rng.Next(4) == 0 ? FuzzResources.ContactAlias : _text.Alias(),
            "ContactName" => _text.Name(0, 20),
            "ChannelName" => _text.Name(1, 20),
            "RotationName" => _text.From("abcXYZ019_- .", 1, 20),
            "TimeZoneId" => TimeZones[rng.Next(TimeZones.Length)],
            "Uuid" => _text.Uuid(),
            "IdempotencyToken" or "PaginationToken" => _text.Token(0, 40),
            "TagKey" => _text.Token(1, 20),
            "TagValue" => _text.From("abcXYZ019_.:/=+-@ \u00e9\u65e5", 1, 20),
            "Sender" or "IncidentId" => _text.From("abcXYZ019_@#%*+=:?./!- \\", 0, 30),
            "AcceptCode" or "ActivationCode" => _text.Digit(6, 10),
            "SimpleAddress" => rng.Next(3) switch { 0 => "+1555555" + _text.Digit(4, 4), 1 => _text.Alias() + "@example.com", _ => _text.Wild(1, 30) },
            "Policy" => $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{resources.Client.Account}}"},"Action":"ssm-contacts:GetContact","Resource":"{{resources.ContactArn}}"}]}""",
            "Member" => _text.AsciiWord(),
            _ => _text.Wild(Math.Max(1, Min(shape, 0)), Math.Min(Max(shape, 60), 60)),
        };
    }

    void Mutant(string shapeName, JsonElement shape, StringBuilder sb, string member)
    {
        var type = shape.GetProperty("type").GetString();
        switch (rng.Next(6))
        {
            case 0:
                sb.Append("null");
                return;
            case 1:
                WrongType(type, sb);
                return;
        }
        switch (type)
        {
            case "string":
                _text.Literal(sb, BadString(shapeName, shape, member));
                break;
            case "integer":
                var bad = new[] { (Min(shape, 0) - 1L).ToString(CultureInfo.InvariantCulture), (Max(shape, int.MaxValue) + 1L).ToString(CultureInfo.InvariantCulture) };
                sb.Append(rng.Next(2) == 0 ? bad[rng.Next(2)] : Numbers[rng.Next(Numbers.Length)]);
                break;
            case "timestamp":
                var stamps = new[] { "1e20", "-1e20", "1e400", "-62135596801", "253402300800", "1.0e-9", "0", "-1" };
                sb.Append(stamps[rng.Next(stamps.Length)]);
                break;
            case "boolean":
                sb.Append(rng.Next(2) == 0 ? "0" : "\"true\"");
                break;
            case "list":
                BadList(shape, sb, member);
                break;
            case "map":
                sb.Append('{');
                _text.Literal(sb, _text.Wild(0, 8));
                sb.Append(rng.Next(2) == 0 ? ":null}" : ":[{}]}");
                break;
            default:
                Nested(sb, rng.Next(10, 150));
                break;
        }
    }

    string BadString(string shapeName, JsonElement shape, string member)
    {
        var max = Max(shape, 2048);
        var valid = ValidString(shapeName, shape, member);
        return rng.Next(5) switch
        {
            0 => "",
            1 => valid + new string('a', Math.Max(1, max + 1 - valid.Length)),
            // Within max in code points but twice as long in UTF-16 units.
            2 => string.Concat(Enumerable.Repeat("\U0001D400", Math.Min(max, 3000))),
            3 => new string((char)rng.Next(0, 0x20), rng.Next(1, 10)),
            _ => _text.Wild(0, 40),
        };
    }

    void BadList(JsonElement shape, StringBuilder sb, string member)
    {
        var item = shape.GetProperty("member").GetProperty("shape").GetString()!;
        var saved = _mutation;
        switch (rng.Next(4))
        {
            case 0:
                // Far past any modeled count; each item still validated on its own.
                _mutation = 0;
                List(item, rng.Next(Max(shape, 50) + 1, 2000), sb, 1, member);
                break;
            case 1:
                sb.Append("[null,null]");
                break;
            case 2:
                _mutation = 0;
                List(item, Math.Max(0, Min(shape, 1) - 1), sb, 1, member);
                break;
            default:
                Nested(sb, rng.Next(10, 100), open: "[", close: "]");
                break;
        }
        _mutation = saved;
    }

    void WrongType(string? type, StringBuilder sb)
    {
        string[] options = ["\"7\"", "7", "true", "[]", "{}", "[\"a\",1]", "{\"a\":\"b\"}", "-1.5"];
        var pick = options[rng.Next(options.Length)];
        var same = type switch
        {
            "string" => pick.StartsWith('"'),
            "list" => pick.StartsWith('['),
            "structure" or "map" => pick.StartsWith('{'),
            _ => false,
        };
        sb.Append(same ? "false" : pick);
    }

    static void Nested(StringBuilder sb, int depth, string open = "{\"x\":", string close = "}")
    {
        sb.Insert(sb.Length, open, depth).Append('1').Insert(sb.Length, close, depth);
    }

    (string Kind, byte[] Body) WholeBody()
    {
        var kind = rng.Next(11);
        var sb = new StringBuilder();
        switch (kind)
        {
            case 0:
                return ("empty body", []);
            case 1:
                return ("whitespace body", " \t\r\n"u8.ToArray());
            case 2:
                var bytes = new byte[rng.Next(1, 512)];
                rng.NextBytes(bytes);
                return ("random bytes", bytes);
            case 3:
                return ("random text", Encoding.UTF8.GetBytes(_text.Wild(1, 200)));
            case 4:
                string[] scalars = ["null", "[]", "123", "\"s\"", "true", "{}x", "{", "}", "[{}]", "{}{}", "{\"a\":1,}", "{'a':1}", "{\"a\" 1}", "\uFEFF{}"];
                return ("not an object", Encoding.UTF8.GetBytes(scalars[rng.Next(scalars.Length)]));
            case 5:
                Nested(sb, rng.Next(65, 20_000), rng.Next(2) == 0 ? "[" : "{\"a\":", rng.Next(2) == 0 ? "]" : "}");
                return ("deep nesting", Encode(sb.ToString()));
            case 6:
                sb.Append('{');
                for (var i = rng.Next(200, 3000); i > 0; i--)
                {
                    sb.Append('"').Append(_text.AsciiWord(4, 12)).Append("\":").Append(i.ToString(CultureInfo.InvariantCulture)).Append(i > 1 ? "," : "");
                }
                return ("many unknown members", Encode(sb.Append('}').ToString()));
            case 7:
                return ("big unknown string", Encode("{\"Big\":\"" + new string('x', rng.Next(100_000, 1_000_000)) + "\"}"));
            case 8:
                return ("utf-16 body", Encoding.Unicode.GetBytes("{\"MaxResults\":1}"));
            case 9:
                return ("nul bytes", "{}\0\0"u8.ToArray());
            default:
                _text.Literal(sb, _text.Wild(1, 10));
                var full = "{" + sb + ":[1,2,{\"a\":\"b\"}]}";
                return ("truncated json", Encode(full[..rng.Next(1, full.Length)]));
        }
    }

    byte[] SpliceInvalidUtf8(byte[] bytes)
    {
        byte[][] invalid = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
        var marker = FuzzText.MarkerBytes;
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i + marker.Length <= bytes.Length && bytes.AsSpan(i, marker.Length).SequenceEqual(marker))
            {
                output.AddRange(invalid[rng.Next(invalid.Length)]);
                i += marker.Length - 1;
            }
            else
            {
                output.Add(bytes[i]);
            }
        }
        return [.. output];
    }
}
