using System.Globalization;

namespace Callout.Bench;

/// A bench tool's command line: its mode, then `--name value` pairs. Compiled into each bench
/// tool that reads one (their project files link it).
sealed class BenchArguments
{
    readonly Dictionary<string, string> _values;

    BenchArguments(string mode, Dictionary<string, string> values) => (Mode, _values) = (mode, values);

    public string Mode { get; }

    public static BenchArguments Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("missing mode");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"bad argument '{args[i]}'");
            }
            values[args[i][2..]] = args[i + 1];
        }
        return new BenchArguments(args[0], values);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public double Number(string name, double fallback) =>
        Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// A process id, or null when the option is missing or empty.
    public int? Pid(string name) => Get(name) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
}
