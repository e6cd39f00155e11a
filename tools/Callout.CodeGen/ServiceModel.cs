using System.Text.Json;

namespace Callout.CodeGen;

/// Location and LocationName say where a rest-json member travels (`uri`, `querystring`, `header`);
/// both are null for a member of the JSON body.
public sealed record MemberModel(string Name, string Shape, bool Required, bool IdempotencyToken, string? Location = null, string? LocationName = null)
{
    public string WireName => LocationName ?? Name;
}

public sealed record ShapeModel(
    string Name,
    string Type,
    IReadOnlyList<MemberModel> Members,
    string? ListMember,
    string? MapKey,
    string? MapValue,
    long? Min,
    long? Max,
    string? Pattern,
    IReadOnlyList<string> Enum,
    bool IsException,
    bool IsUnion = false,
    int? ErrorStatus = null);

/// Method, RequestUri and ResponseCode are the model's `http` trait, which only rest protocols use.
public sealed record OperationModel(
    string Name,
    string Input,
    string Output,
    IReadOnlyList<string> Errors,
    string? ResultKey,
    string Method = "POST",
    string RequestUri = "/",
    int ResponseCode = 200);

public sealed record ServiceModel(
    string Protocol,
    string SigningName,
    string TargetPrefix,
    IReadOnlyDictionary<string, OperationModel> Operations,
    IReadOnlyDictionary<string, ShapeModel> Shapes)
{
    /// Members the model marks required that the service accepts or leaves absent. docs/spec/domain.md
    /// §2.3: Terraform and CloudFormation send stages without Targets, which AWS takes as no
    /// targets. GetRotation leaves StartTime out of a rotation made without one, as ListRotations
    /// does (docs/decisions.md, Rotations): Terraform copies it into state and would otherwise
    /// show a change on every plan.
    static readonly HashSet<(string Shape, string Member)> AcceptedAbsent = [("Stage", "Targets"), ("GetRotationResult", "StartTime")];

    public static ServiceModel Load(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var paginators = root.GetProperty("paginators");

        var operations = new SortedDictionary<string, OperationModel>(StringComparer.Ordinal);
        foreach (var op in root.GetProperty("operations").EnumerateObject())
        {
            string? resultKey = paginators.TryGetProperty(op.Name, out var pg) ? pg.GetProperty("result_key").GetString() : null;
            var http = op.Value.GetProperty("http");
            operations[op.Name] = new OperationModel(
                op.Name,
                op.Value.GetProperty("input").GetProperty("shape").GetString()!,
                op.Value.GetProperty("output").GetProperty("shape").GetString()!,
                op.Value.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList(),
                resultKey,
                http.GetProperty("method").GetString()!,
                http.GetProperty("requestUri").GetString()!,
                http.TryGetProperty("responseCode", out var rc) ? rc.GetInt32() : 200);
        }

        var shapes = new SortedDictionary<string, ShapeModel>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("shapes").EnumerateObject())
        {
            var v = s.Value;
            var required = v.TryGetProperty("required", out var req)
                ? req.EnumerateArray().Select(x => x.GetString()!).ToHashSet()
                : [];
            var members = v.TryGetProperty("members", out var ms)
                ? ms.EnumerateObject().Select(m => new MemberModel(
                    m.Name,
                    m.Value.GetProperty("shape").GetString()!,
                    required.Contains(m.Name) && !AcceptedAbsent.Contains((s.Name, m.Name)),
                    m.Value.TryGetProperty("idempotencyToken", out var it) && it.GetBoolean(),
                    m.Value.TryGetProperty("location", out var loc) ? loc.GetString() : null,
                    m.Value.TryGetProperty("locationName", out var ln) ? ln.GetString() : null)).ToList()
                : [];
            shapes[s.Name] = new ShapeModel(
                s.Name,
                v.GetProperty("type").GetString()!,
                members,
                v.TryGetProperty("member", out var lm) ? lm.GetProperty("shape").GetString() : null,
                v.TryGetProperty("key", out var mk) ? mk.GetProperty("shape").GetString() : null,
                v.TryGetProperty("value", out var mv) ? mv.GetProperty("shape").GetString() : null,
                v.TryGetProperty("min", out var min) ? min.GetInt64() : null,
                v.TryGetProperty("max", out var max) ? max.GetInt64() : null,
                v.TryGetProperty("pattern", out var pat) ? pat.GetString() : null,
                v.TryGetProperty("enum", out var en) ? en.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
                v.TryGetProperty("exception", out var ex) && ex.GetBoolean(),
                v.TryGetProperty("union", out var un) && un.GetBoolean(),
                v.TryGetProperty("error", out var er) && er.TryGetProperty("httpStatusCode", out var hs) ? hs.GetInt32() : null);
        }

        var meta = root.GetProperty("metadata");
        // rest-json services route by method and path and have no target prefix.
        var prefix = meta.TryGetProperty("targetPrefix", out var tp) ? tp.GetString()! : "";
        return new ServiceModel(
            meta.GetProperty("protocol").GetString()!, meta.GetProperty("signingName").GetString()!, prefix, operations, shapes);
    }

    /// Every shape reachable from the given roots, following members, list items and map values.
    public IReadOnlySet<string> Reachable(IEnumerable<string> roots)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (!seen.Add(name))
            {
                continue;
            }
            var s = Shapes[name];
            foreach (var m in s.Members)
            {
                stack.Push(m.Shape);
            }
            foreach (var child in new[] { s.ListMember, s.MapKey, s.MapValue })
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
        return seen;
    }
}
