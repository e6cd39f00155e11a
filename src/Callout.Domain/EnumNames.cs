namespace Callout.Domain;

/// The names an enum's values go by outside the process, both ways, from one table.
public sealed class EnumNames<T> where T : struct, Enum
{
    readonly Dictionary<T, string> _names = [];
    readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

    public EnumNames(params ReadOnlySpan<(T Value, string Name)> pairs)
    {
        foreach (var (value, name) in pairs)
        {
            _names.Add(value, name);
            _values.Add(name, value);
        }
    }

    public IEnumerable<string> Names => _values.Keys;

    public string Of(T value) =>
        _names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public bool TryParse(string name, out T value) => _values.TryGetValue(name, out value);

    /// For names already checked against the table (an API enum the request reader validated).
    public T Parse(string name) =>
        TryParse(name, out var value) ? value : throw new ArgumentOutOfRangeException(nameof(name), name, null);
}
