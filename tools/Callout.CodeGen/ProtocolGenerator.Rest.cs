using System.Text;

namespace Callout.CodeGen;

/// The rest-json parts: operation inputs read from the body and the HTTP bindings, and the catalog
/// with method, URI template, success status and the status of each modeled error.
public static partial class ProtocolGenerator
{
    static void RestInputReader(StringBuilder sb, ServiceModel model, ShapeModel s)
    {
        sb.Append($"    public static {s.Name}? Read{s.Name}(RequestReader r, RestInput input)\n    {{\n");
        sb.Append("        var v = input.Body;\n        const string path = \"\";\n");
        var body = s.Members.Where(m => m.Location is null).ToList();
        ReadStructure(sb, model, s, body, () =>
        {
            foreach (var m in s.Members.Where(m => m.Location is not null))
            {
                ReadBound(sb, model, m);
            }
        });
        sb.Append("    }\n\n");
    }

    /// A member bound to the path, query string or a header arrives as text; its constraints are
    /// the same as in a body. Path and errors name it by its wire name, as the caller wrote it.
    static void ReadBound(StringBuilder sb, ServiceModel model, MemberModel m)
    {
        var target = model.Shapes[m.Shape];
        var raw = $"input.Values(RestInput.{Location(m.Location!)}, \"{m.WireName}\")";
        var local = Local(m.Name);
        var name = $"\"{m.WireName}\"";
        switch (target.Type)
        {
            case "string":
                sb.Append($"        {local} = r.ReadBoundString({raw}, {name});\n");
                sb.Append($"        if ({local} is not null)\n        {{\n            Check{target.Name}(r, {local}, {name});\n        }}\n");
                break;
            case "integer":
                sb.Append($"        {local} = r.ReadBoundInteger({raw}, {name});\n");
                if (target.Min is not null || target.Max is not null)
                {
                    sb.Append($"        r.CheckRange({local}, {Opt(target.Min)}, {Opt(target.Max)}, {name});\n");
                }
                break;
            case "boolean":
                sb.Append($"        {local} = r.ReadBoundBoolean({raw}, {name});\n");
                break;
            case "list" when model.Shapes[target.ListMember!].Type == "string":
                sb.Append($"        {local} = r.ReadBoundList({raw}, {name}, Check{target.ListMember});\n");
                if (target.Min is not null || target.Max is not null)
                {
                    sb.Append($"        r.CheckCount({local}, {Opt(target.Min)}, {Opt(target.Max)}, {name});\n");
                }
                break;
            default:
                throw new NotSupportedException($"{m.Name}: a {target.Type} bound to {m.Location} is not generated.");
        }
    }

    static string Location(string location) => location switch
    {
        "uri" => "Path",
        "querystring" => "Query",
        "header" => "Header",
        _ => throw new NotSupportedException("location " + location),
    };

    static string RestOperations(ServiceModel model, GeneratorNames names)
    {
        var sb = new StringBuilder(names.Header);
        sb.Append($"#nullable enable\nusing System.Collections.Frozen;\nusing System.Text.Json;\nusing Callout.Protocol.Dispatch;\nusing Callout.Protocol.RestJson;\n\nnamespace {names.Dispatch};\n\n{ShapesInside(names)}\n");
        sb.Append("public static partial class OperationCatalog\n{\n");
        sb.Append($"    public const string SigningName = \"{model.SigningName}\";\n\n");
        sb.Append("    public static readonly FrozenDictionary<string, RestOperation> All = new RestOperation[]\n    {\n");
        foreach (var op in model.Operations.Values)
        {
            var token = model.Shapes[op.Input].Members.FirstOrDefault(m => m.IdempotencyToken)?.Name;
            sb.Append($"        new(new(\"{op.Name}\", typeof({op.Input}), typeof({op.Output}), [{string.Join(", ", op.Errors.Select(e => $"\"{e}\""))}], {(op.ResultKey is null ? "null" : $"\"{op.ResultKey}\"")}, {(token is null ? "false" : "true")}), \"{op.Method}\", \"{op.RequestUri}\", {op.ResponseCode}, {(token is null ? "null" : $"\"{token}\"")}),\n");
        }
        sb.Append("    }.ToFrozenDictionary(d => d.Descriptor.Name, StringComparer.Ordinal);\n\n");
        sb.Append("    /// The HTTP status of each error shape (`error.httpStatusCode`).\n");
        sb.Append("    public static readonly FrozenDictionary<string, int> ErrorStatus = new Dictionary<string, int>\n    {\n");
        foreach (var e in model.Shapes.Values.Where(s => s.IsException && s.ErrorStatus is not null))
        {
            sb.Append($"        [\"{e.Name}\"] = {e.ErrorStatus},\n");
        }
        sb.Append("    }.ToFrozenDictionary(StringComparer.Ordinal);\n\n");
        sb.Append("    internal static Task<Action<Utf8JsonWriter>> InvokeAsync(string operation, RestInput input, IServiceProvider services, RequestContext context, CancellationToken ct) => operation switch\n    {\n");
        foreach (var op in model.Operations.Values)
        {
            sb.Append($"        \"{op.Name}\" => RestOperationRunner.RunAsync<{op.Input}, {op.Output}>(input, ShapeReaders.Read{op.Input}, ShapeWriters.Write{op.Output}, services, context, ct),\n");
        }
        sb.Append("        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),\n    };\n}\n");
        return sb.ToString();
    }
}
