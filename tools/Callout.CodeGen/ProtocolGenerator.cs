using System.Text;

namespace Callout.CodeGen;

/// Writes the C# the protocol layer is built on: one record per structure, a reader per input shape
/// that parses and validates against the model's constraints, a writer per output shape, enum
/// constants, and the operation catalog with its dispatch table. For a rest-json model the readers
/// of operation inputs also bind members from the path, query string and headers, and the catalog
/// carries each operation's method, URI template and success status.
public static partial class ProtocolGenerator
{
    public static IReadOnlyList<(string FileName, string Text)> Generate(ServiceModel model)
    {
        var names = GeneratorNames.For(model.SigningName);
        var inputs = model.Reachable(model.Operations.Values.Select(o => o.Input));
        var outputs = model.Reachable(model.Operations.Values.Select(o => o.Output));
        return
        [
            ("Shapes.Generated.cs", Shapes(model, names, inputs, outputs)),
            ("Enums.Generated.cs", Enums(model, names, inputs.Union(outputs))),
            ("ShapeReaders.Generated.cs", Readers(model, names, inputs)),
            ("ShapeWriters.Generated.cs", Writers(model, names, outputs)),
            ("Operations.Generated.cs", IsRest(model) ? RestOperations(model, names) : Operations(model, names)),
        ];
    }

    static bool IsRest(ServiceModel model) => model.Protocol == "rest-json";

    /// Inside the namespace, the shapes win over the implicit `using System;`: ssm-incidents has a
    /// shape called Action.
    static string ShapesInside(GeneratorNames names) => $"using {names.Shapes};\n";

    static string Shapes(ServiceModel model, GeneratorNames names, IReadOnlySet<string> inputs, IReadOnlySet<string> outputs)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append($"#nullable enable\nnamespace {names.Shapes};\n");
        foreach (var s in model.Shapes.Values.Where(s => s.Type == "structure" && (inputs.Contains(s.Name) || outputs.Contains(s.Name))))
        {
            sb.Append($"\npublic sealed partial record {s.Name}\n{{\n");
            foreach (var m in s.Members)
            {
                var type = ClrType(model, m.Shape);
                sb.Append(m.Required
                    ? $"    public required {type} {Prop(s, m)} {{ get; init; }}\n"
                    : $"    public {type + "?"} {Prop(s, m)} {{ get; init; }}\n");
            }
            sb.Append("}\n");
        }
        return sb.ToString();
    }

    static string Enums(ServiceModel model, GeneratorNames names, IEnumerable<string> used)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append($"namespace {names.Shapes};\n");
        foreach (var s in used.Select(n => model.Shapes[n]).Where(s => s.Enum.Count > 0))
        {
            sb.Append($"\npublic static class {s.Name}\n{{\n");
            foreach (var v in s.Enum)
            {
                sb.Append($"    public const string {Pascal(v)} = \"{v}\";\n");
            }
            sb.Append($"\n    public static readonly IReadOnlyList<string> All = [{string.Join(", ", s.Enum.Select(v => $"\"{v}\""))}];\n}}\n");
        }
        return sb.ToString();
    }

    static string Readers(ServiceModel model, GeneratorNames names, IReadOnlySet<string> inputs)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append("#nullable enable\nusing System.Text.Json;\nusing System.Text.RegularExpressions;\n");
        if (IsRest(model))
        {
            sb.Append($"using Callout.Protocol.RestJson;\nusing Callout.Protocol.Validation;\n\nnamespace {names.Validation};\n\n{ShapesInside(names)}\n");
        }
        else
        {
            sb.Append($"using {names.Shapes};\n\nnamespace {names.Validation};\n\n");
        }
        var restInputs = IsRest(model) ? model.Operations.Values.Select(o => o.Input).ToHashSet() : [];
        sb.Append("internal static class ShapePatterns\n{\n");
        sb.Append("    const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;\n");
        var patterned = inputs.Select(n => model.Shapes[n]).Where(s => s.Pattern is not null).ToList();
        if (patterned.Any(s => JavaRegex.HasLookaround(s.Pattern!)))
        {
            // The non-backtracking engine has no lookarounds; the model's are anchored ones
            // (`^(?!aws:)...`), which cannot backtrack without bound.
            sb.Append("    const RegexOptions LookaroundOptions = RegexOptions.CultureInvariant;\n");
        }
        foreach (var s in patterned)
        {
            sb.Append($"    public const string {s.Name}Text = {Literal(s.Pattern!)};\n");
            sb.Append($"    public static readonly Regex {s.Name} = new({Literal(JavaRegex.ToDotNet(s.Pattern!))}, {(JavaRegex.HasLookaround(s.Pattern!) ? "LookaroundOptions" : "Options")});\n");
        }
        sb.Append("}\n\n");

        sb.Append("public static class ShapeReaders\n{\n");
        foreach (var s in inputs.Select(n => model.Shapes[n]))
        {
            var type = ClrType(model, s.Name) + "?";
            if (restInputs.Contains(s.Name))
            {
                RestInputReader(sb, model, s);
                continue;
            }
            sb.Append($"    public static {type} Read{s.Name}(RequestReader r, JsonElement v, string path)\n    {{\n");
            switch (s.Type)
            {
                case "structure":
                    ReadStructure(sb, model, s, s.Members);
                    break;
                case "string":
                    sb.Append($"        var s = r.ReadString(v, path);\n        if (s is not null)\n        {{\n            Check{s.Name}(r, s, path);\n        }}\n        return s;\n");
                    break;
                case "integer":
                    sb.Append("        var n = r.ReadInteger(v, path);\n");
                    if (s.Min is not null || s.Max is not null)
                    {
                        sb.Append($"        r.CheckRange(n, {Opt(s.Min)}, {Opt(s.Max)}, path);\n");
                    }
                    sb.Append("        return n;\n");
                    break;
                case "boolean":
                    sb.Append("        return r.ReadBoolean(v, path);\n");
                    break;
                case "timestamp":
                    sb.Append("        return r.ReadTimestamp(v, path);\n");
                    break;
                case "list":
                    // A list of numbers or booleans holds values, not references (ssm-incidents' IntegerList).
                    sb.Append(IsValueType(model, s.ListMember!)
                        ? $"        var list = r.ReadValueList(v, path, Read{s.ListMember});\n"
                        : $"        var list = r.ReadList(v, path, Read{s.ListMember});\n");
                    if (s.Min is not null || s.Max is not null)
                    {
                        sb.Append($"        r.CheckCount(list, {Opt(s.Min)}, {Opt(s.Max)}, path);\n");
                    }
                    sb.Append("        return list;\n");
                    break;
                case "map" when s.Min is not null || s.Max is not null:
                    sb.Append($"        var map = r.ReadMap(v, path, Check{s.MapKey}, Read{s.MapValue});\n");
                    sb.Append($"        r.CheckCount(map, {Opt(s.Min)}, {Opt(s.Max)}, path);\n");
                    sb.Append("        return map;\n");
                    break;
                case "map":
                    sb.Append($"        return r.ReadMap(v, path, Check{s.MapKey}, Read{s.MapValue});\n");
                    break;
                default:
                    throw new NotSupportedException(s.Type);
            }
            sb.Append("    }\n\n");
            if (s.Type == "string")
            {
                CheckString(sb, names, s);
            }
        }
        sb.Length -= 1;
        sb.Append("}\n");
        return sb.ToString();
    }

    static void CheckString(StringBuilder sb, GeneratorNames names, ShapeModel s)
    {
        sb.Append($"    public static void Check{s.Name}(RequestReader r, string s, string path)\n    {{\n");
        if (s.Min is not null || s.Max is not null)
        {
            sb.Append($"        r.CheckLength(s, {Opt(s.Min)}, {Opt(s.Max)}, path);\n");
        }
        if (s.Pattern is not null)
        {
            sb.Append($"        r.CheckPattern(s, ShapePatterns.{s.Name}, ShapePatterns.{s.Name}Text, path);\n");
        }
        if (s.Enum.Count > 0)
        {
            sb.Append($"        r.CheckEnum(s, global::{names.Shapes}.{s.Name}.All, path);\n");
        }
        sb.Append("    }\n\n");
    }

    /// Reads the members of `body` from the JSON object `v`; members bound elsewhere (rest-json)
    /// are declared here and read by the caller before the record is built.
    static void ReadStructure(StringBuilder sb, ServiceModel model, ShapeModel s, IReadOnlyList<MemberModel> body, Action? bound = null)
    {
        sb.Append("        if (!r.ExpectObject(v, path))\n        {\n            return null;\n        }\n");
        foreach (var m in s.Members)
        {
            sb.Append($"        {ClrType(model, m.Shape) + "?"} {Local(m.Name)} = null;\n");
        }
        if (body.Count > 0)
        {
            // docs/spec/protocol.md §1: a member that is null counts as absent.
            sb.Append("        foreach (var p in v.EnumerateObject())\n        {\n            if (p.Value.ValueKind == JsonValueKind.Null)\n            {\n                continue;\n            }\n            switch (p.Name)\n            {\n");
            foreach (var m in body)
            {
                sb.Append($"                case \"{m.Name}\":\n                    {Local(m.Name)} = Read{m.Shape}(r, p.Value, RequestReader.Child(path, \"{Camel(m.Name)}\"));\n                    break;\n");
            }
            sb.Append("            }\n        }\n");
        }
        bound?.Invoke();
        if (s.IsUnion)
        {
            // Smithy: a union sets exactly one of its members.
            sb.Append($"        r.CheckUnion(new object?[] {{ {string.Join(", ", s.Members.Select(m => Local(m.Name)))} }}, [{string.Join(", ", s.Members.Select(m => $"\"{m.Name}\""))}], path);\n");
        }
        foreach (var m in s.Members.Where(m => m.Required))
        {
            sb.Append($"        r.CheckRequired({Local(m.Name)}, RequestReader.Child(path, \"{Camel(m.Name)}\"));\n");
        }
        sb.Append($"        return new {s.Name}\n        {{\n");
        foreach (var m in s.Members)
        {
            var value = m.Required ? RequiredValue(model, m) : Local(m.Name);
            sb.Append($"            {Prop(s, m)} = {value},\n");
        }
        sb.Append("        };\n");
    }

    static string RequiredValue(ServiceModel model, MemberModel m) =>
        IsValueType(model, m.Shape) ? $"{Local(m.Name)} ?? default" : $"{Local(m.Name)}!";

    static string Writers(ServiceModel model, GeneratorNames names, IReadOnlySet<string> outputs)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append("#nullable enable\nusing System.Text.Json;\n");
        if (IsRest(model))
        {
            sb.Append($"using Callout.Protocol.Serialization;\n\nnamespace {names.Serialization};\n\n{ShapesInside(names)}\n");
        }
        else
        {
            sb.Append($"using {names.Shapes};\n\nnamespace {names.Serialization};\n\n");
        }
        sb.Append("public static class ShapeWriters\n{\n");
        foreach (var s in outputs.Select(n => model.Shapes[n]).Where(s => s.Type == "structure"))
        {
            sb.Append($"    public static void Write{s.Name}(Utf8JsonWriter w, {s.Name} v)\n    {{\n        w.WriteStartObject();\n");
            foreach (var m in s.Members)
            {
                if (m.Location is not null)
                {
                    throw new NotSupportedException($"{s.Name}.{m.Name}: output members bound to {m.Location} are not generated.");
                }
                var target = model.Shapes[m.Shape];
                if (m.Required)
                {
                    // Required members are always written, empty lists included (docs/spec/protocol.md §2).
                    sb.Append($"        w.WritePropertyName(\"{m.Name}\");\n");
                    sb.Append($"        {WriteValue(model, target, $"v.{Prop(s, m)}", "        ")}\n");
                    continue;
                }
                sb.Append($"        if (v.{Prop(s, m)} is {{ }} {Local(m.Name)})\n        {{\n");
                sb.Append($"            w.WritePropertyName(\"{m.Name}\");\n");
                sb.Append($"            {WriteValue(model, target, Local(m.Name), "            ")}\n        }}\n");
            }
            sb.Append("        w.WriteEndObject();\n    }\n\n");
        }
        sb.Length -= 1;
        sb.Append("}\n");
        return sb.ToString();
    }

    static string WriteValue(ServiceModel model, ShapeModel target, string expr, string indent) => target.Type switch
    {
        "structure" => $"Write{target.Name}(w, {expr});",
        "string" => $"w.WriteStringValue({expr});",
        "integer" => $"w.WriteNumberValue({expr});",
        "boolean" => $"w.WriteBooleanValue({expr});",
        "timestamp" => $"EpochSeconds.Write(w, {expr});",
        "list" => $"w.WriteStartArray();\n{indent}foreach (var {Item(indent)} in {expr})\n{indent}{{\n{indent}    {WriteValue(model, model.Shapes[target.ListMember!], Item(indent), indent + "    ")}\n{indent}}}\n{indent}w.WriteEndArray();",
        "map" => $"w.WriteStartObject();\n{indent}foreach (var (key{indent.Length}, {Item(indent)}) in {expr})\n{indent}{{\n{indent}    w.WritePropertyName(key{indent.Length});\n{indent}    {WriteValue(model, model.Shapes[target.MapValue!], Item(indent), indent + "    ")}\n{indent}}}\n{indent}w.WriteEndObject();",
        _ => throw new NotSupportedException(target.Type),
    };

    static string Operations(ServiceModel model, GeneratorNames names)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append("#nullable enable\nusing System.Collections.Frozen;\nusing System.Text.Json;\nusing Callout.Protocol.Serialization;\nusing Callout.Protocol.Shapes;\nusing Callout.Protocol.Validation;\n\nnamespace Callout.Protocol.Dispatch;\n\n");
        sb.Append("public static partial class OperationCatalog\n{\n");
        sb.Append($"    public const string TargetPrefix = \"{model.TargetPrefix}.\";\n\n");
        sb.Append("    public static readonly FrozenDictionary<string, OperationDescriptor> All = new OperationDescriptor[]\n    {\n");
        foreach (var op in model.Operations.Values)
        {
            // CreateRotation and CreateRotationOverride carry the member without the trait; the
            // service honours it all the same (docs/spec/protocol.md §7).
            var token = model.Shapes[op.Input].Members.FirstOrDefault(m => m.IdempotencyToken || m.Name == "IdempotencyToken")?.Name;
            sb.Append($"        new(\"{op.Name}\", typeof({op.Input}), typeof({op.Output}), [{string.Join(", ", op.Errors.Select(e => $"\"{e}\""))}], {(op.ResultKey is null ? "null" : $"\"{op.ResultKey}\"")}, {(token is null ? "false" : "true")}),\n");
        }
        sb.Append("    }.ToFrozenDictionary(d => d.Name, StringComparer.Ordinal);\n\n");
        sb.Append("    internal static Task<Action<Utf8JsonWriter>> InvokeAsync(string operation, JsonElement body, IServiceProvider services, RequestContext context, CancellationToken ct) => operation switch\n    {\n");
        foreach (var op in model.Operations.Values)
        {
            sb.Append($"        \"{op.Name}\" => OperationRunner.RunAsync<{op.Input}, {op.Output}>(body, ShapeReaders.Read{op.Input}, ShapeWriters.Write{op.Output}, services, context, ct),\n");
        }
        sb.Append("        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),\n    };\n}\n");
        return sb.ToString();
    }

    static string Item(string indent) => "item" + indent.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static bool IsValueType(ServiceModel model, string shape) => model.Shapes[shape].Type is "integer" or "boolean" or "timestamp";

    static string ClrType(ServiceModel model, string shape)
    {
        var s = model.Shapes[shape];
        return s.Type switch
        {
            "structure" => s.Name,
            "string" => "string",
            "integer" => "int",
            "boolean" => "bool",
            "timestamp" => "DateTimeOffset",
            "list" => $"List<{ClrType(model, s.ListMember!)}>",
            "map" => $"Dictionary<{ClrType(model, s.MapKey!)}, {ClrType(model, s.MapValue!)}>",
            _ => throw new NotSupportedException(s.Type),
        };
    }

    static string Opt(long? v) => v is null ? "null" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string Literal(string s) => "@\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// The C# property of a member: the model's name with a capital first letter (rest-json members
    /// are camelCase), moved aside when it would clash with a record's own members or its type.
    static string Prop(ShapeModel s, MemberModel m)
    {
        var name = char.ToUpperInvariant(m.Name[0]) + m.Name[1..];
        return name == s.Name || name is "Equals" or "GetHashCode" or "ToString" or "GetType" or "EqualityContract" or "Deconstruct"
            ? name + "Value"
            : name;
    }

    static string Local(string name) => "@" + Camel(name);

    static string Pascal(string enumValue) =>
        string.Concat(enumValue.Split('_').Select(p => p[..1].ToUpperInvariant() + p[1..].ToLowerInvariant()));
}
