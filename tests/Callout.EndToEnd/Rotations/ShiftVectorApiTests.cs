using System.Text.Json;
using System.Text.Json.Nodes;
using Callout.EndToEnd.Harness;
using Callout.Testing.Vectors;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// Every test vector of docs/spec/rotations.md §4 (tests/vectors/rotation-shifts.json) through the real
/// API, one test case per vector: contacts a–d, CreateRotation, CreateRotationOverride, then
/// ListRotationShifts over the vector's query window, compared shift by shift (times, ContactIds,
/// Type and ShiftDetails.OverriddenContactIds); a vector with OnCallAt also puts its rotations in
/// an on-call schedule. Overrides must be in the future, so vectors with overrides are moved into
/// the near future by whole weeks (RotationVector.ForApiAt). The same vectors then go through
/// ListPreviewRotationShifts, which runs the calculator on unsaved settings.
public sealed class ShiftVectorApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    public static TheoryData<int, string> Vectors()
    {
        var data = new TheoryData<int, string>();
        foreach (var vector in RotationVectors.All)
        {
            data.Add(vector.Number, vector.Description);
        }
        return data;
    }

    public static TheoryData<int, string> VectorsWithShifts()
    {
        var data = new TheoryData<int, string>();
        foreach (var vector in RotationVectors.All.Where(v => v.Rotations.Any(r => r.Query is not null)))
        {
            data.Add(vector.Number, vector.Description);
        }
        return data;
    }

    static RotationVector Vector(int number, string description)
    {
        var vector = RotationVectors.Get(number);
        Assert.Equal(description, vector.Description);
        return vector;
    }

    static string Letters(IReadOnlyList<string> contacts) => string.Join(",", contacts);

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task the_api_gives_the_shifts_of_vector(int number, string description)
    {
        var vector = Vector(number, description).ForApiAt(DateTimeOffset.UtcNow);
        var client = fixture.NewClient();
        await client.CreatePeopleAsync();
        var rotations = new List<string>();
        foreach (var (rotation, i) in vector.Rotations.Select((r, i) => (r, i)))
        {
            var arn = await client.CreateRotationAsync(Letters(rotation.ContactIds), rotation.StartTime, rotation.TimeZoneId, rotation.Recurrence.GetRawText(), $"r{i + 1}");
            foreach (var o in rotation.Overrides)
            {
                await client.CreateOverrideAsync(arn, Letters(o.NewContactIds), o.StartTime, o.EndTime);
            }
            rotations.Add(arn);
        }
        foreach (var (rotation, arn) in vector.Rotations.Zip(rotations))
        {
            if (rotation.Query is { } query)
            {
                Assert.Equal(rotation.Shifts!.Select(s => s.ToString()),
                    (await client.ShiftsAsync(arn, query.StartTime, query.EndTime)).Select(client.Describe));
            }
        }
        if (vector.OnCallAt is { } checks)
        {
            await AssertScheduleAsync(client, rotations, checks);
        }
    }

    /// An ONCALL_SCHEDULE contact holding the rotations; who is on call at an instant is the union,
    /// in rotation order, of the ContactIds of each rotation's shift over [at, at + 1 min).
    static async Task AssertScheduleAsync(ApiClient client, List<string> rotations, IReadOnlyList<RotationVector.OnCall> checks)
    {
        await client.OkAsync("CreateContact", $$$"""{"Alias":"sched","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":{{{JsonSerializer.Serialize(rotations)}}}}}""");
        var schedule = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/sched")}}}"}""");
        Assert.Equal(rotations, schedule.GetProperty("Plan").GetProperty("RotationIds").EnumerateArray().Select(e => e.GetString()));
        var prefix = client.Arn("contact/");
        foreach (var check in checks)
        {
            var onCall = new List<string>();
            foreach (var rotation in rotations)
            {
                foreach (var shift in await client.ShiftsAsync(rotation, check.At, check.At.AddMinutes(1)))
                {
                    onCall.AddRange(shift.GetProperty("ContactIds").EnumerateArray().Select(id => id.GetString()!)
                        .Select(id => id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..].ToUpperInvariant() : id));
                }
            }
            Assert.Equal(check.ContactIds, onCall.Distinct());
        }
    }

    // ListPreviewRotationShifts runs the same calculator on unsaved settings (docs/spec/rotations.md §3.2):
    // members are plain strings, echoed as ContactIds, and overrides skip the now-relative rules, so
    // every vector keeps its own 2024 dates; the later override in the list wins.

    static string Preview(RotationVector.Rotation rotation, bool withRotationStart = true) =>
        PreviewRequest(Letters(rotation.ContactIds), withRotationStart ? rotation.StartTime : null, rotation.TimeZoneId, rotation.Recurrence.GetRawText(),
            rotation.Query!.StartTime, rotation.Query.EndTime,
            rotation.Overrides.Select(o => (Letters(o.NewContactIds), o.StartTime, o.EndTime)).ToArray());

    [Theory]
    [MemberData(nameof(VectorsWithShifts))]
    public async Task a_preview_gives_the_shifts_of_vector(int number, string description)
    {
        var client = fixture.NewClient();
        foreach (var rotation in Vector(number, description).Rotations.Where(r => r.Query is not null))
        {
            Assert.Equal(rotation.Shifts!.Select(s => s.ToString()),
                (await client.AllPagesAsync("ListPreviewRotationShifts", Preview(rotation), "RotationShifts")).Select(client.Describe));
        }
    }

    [Fact]
    public async Task preview_without_a_rotation_start_anchors_the_rotation_at_the_query_start()
    {
        // docs/spec/rotations.md §3.2: S := RotationStartTime ?? StartTime ?? now. Vector 15 starts at its query's start.
        var rotation = RotationVectors.Get(15).Rotations.Single();
        Assert.Equal(rotation.StartTime, rotation.Query!.StartTime);
        var client = fixture.NewClient();
        Assert.Equal(rotation.Shifts!.Select(s => s.ToString()),
            (await client.AllPagesAsync("ListPreviewRotationShifts", Preview(rotation, withRotationStart: false), "RotationShifts")).Select(client.Describe));
    }

    [Fact]
    public async Task preview_pages_of_one_shift_join_up_to_the_whole_list()
    {
        var rotation = RotationVectors.Get(7).Rotations.Single();
        var client = fixture.NewClient();
        var paged = JsonNode.Parse(Preview(rotation))!.AsObject();
        paged["MaxResults"] = 1;
        var shifts = await client.AllPagesAsync("ListPreviewRotationShifts", paged.ToJsonString(), "RotationShifts");
        Assert.Equal(rotation.Shifts!.Select(s => s.ToString()), shifts.Select(client.Describe));
    }
}
