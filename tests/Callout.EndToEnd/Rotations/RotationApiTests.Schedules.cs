using Callout.EndToEnd.Harness;
using static Callout.EndToEnd.Rotations.RotationCalls;

namespace Callout.EndToEnd.Rotations;

/// docs/spec/rotations.md §1.5 and §3.3: rotations as members of on-call schedules and as dependents of their contacts.
public sealed partial class RotationApiTests
{
    // --- Rotations, contacts and on-call schedules ---

    static string Schedule(string alias, params string[] rotations) =>
        $$$"""{"Alias":"{{{alias}}}","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[],"RotationIds":[{{{string.Join(",", rotations.Select(r => $"\"{r}\""))}}}]}}""";

    static async Task<string[]> RotationIdsAsync(ApiClient client, string alias)
    {
        var plan = (await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/" + alias)}}}"}""")).GetProperty("Plan");
        return plan.TryGetProperty("RotationIds", out var ids) ? Strings(ids) : [];
    }

    [Fact]
    public async Task deleting_a_rotation_takes_it_out_of_every_schedule()
    {
        var client = await PeopleAsync();
        var r1 = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, "r1");
        var r2 = await client.CreateRotationAsync("B", Jan1, "UTC", Daily0900, "r2");
        await client.OkAsync("CreateContact", Schedule("both", r1, r2));
        await client.OkAsync("CreateContact", Schedule("only", r1));
        await client.OkAsync("CreateContact", Schedule("other", r2));

        await client.OkAsync("DeleteRotation", $$$"""{"RotationId":"{{{r1}}}"}""");
        Assert.Equal([r2], await RotationIdsAsync(client, "both"));
        Assert.Empty(await RotationIdsAsync(client, "only"));
        Assert.Equal([r2], await RotationIdsAsync(client, "other"));
        var only = await client.OkAsync("GetContact", $$$"""{"ContactId":"{{{client.Arn("contact/only")}}}"}""");
        Assert.Equal("ONCALL_SCHEDULE", only.GetProperty("Type").GetString());
    }

    [Fact]
    public async Task a_rotation_member_cannot_be_deleted_while_in_a_rotation()
    {
        var client = await PeopleAsync();
        var r1 = await client.CreateRotationAsync("A,B", Jan1, "UTC", Daily0900, "r1");
        var r2 = await client.CreateRotationAsync("B,C", Jan1, "UTC", Daily0900, "r2");

        var response = await client.CallAsync("DeleteContact", $$$"""{"ContactId":"{{{client.Arn("contact/b")}}}"}""");
        Assert.True(response.Type == "ConflictException", response.Text);
        var dependent = Assert.Single(response.Json.GetProperty("DependentEntities").EnumerateArray());
        Assert.Equal("RotationMembership", dependent.GetProperty("RelationType").GetString());
        Assert.Equal(new[] { r1, r2 }.Order(StringComparer.Ordinal), Strings(dependent.GetProperty("DependentResourceIds")).Order(StringComparer.Ordinal));

        var onlyR1 = await client.CallAsync("DeleteContact", $$$"""{"ContactId":"{{{client.Arn("contact/a")}}}"}""");
        Assert.Equal("ConflictException", onlyR1.Type);
        Assert.Equal([r1], Strings(onlyR1.Json.GetProperty("DependentEntities")[0].GetProperty("DependentResourceIds")));

        // Out of the rotations, the contact can go.
        await client.OkAsync("UpdateRotation", $$$"""{"RotationId":"{{{r1}}}","ContactIds":{{{client.Contacts("A")}}},"Recurrence":{{{Daily0900}}}}""");
        await client.OkAsync("DeleteRotation", $$$"""{"RotationId":"{{{r2}}}"}""");
        await client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{client.Arn("contact/b")}}}"}""");
        await client.OkAsync("DeleteContact", $$$"""{"ContactId":"{{{client.Arn("contact/d")}}}"}""");
    }

    [Fact]
    public async Task a_schedule_with_stages_gets_the_exact_aws_message()
    {
        var client = await PeopleAsync();
        var rotation = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        var response = await client.CallAsync("CreateContact", $$$"""
            {"Alias":"s","Type":"ONCALL_SCHEDULE","Plan":{"Stages":[{"DurationInMinutes":5,"Targets":[{"ContactTargetInfo":{"ContactId":"{{{client.Arn("contact/a")}}}","IsEssential":true}}]}],"RotationIds":["{{{rotation}}}"]}}
            """);
        Assert.Equal("ValidationException", response.Type);
        Assert.Equal("Invalid value provided - ONCALL SCHEDULE contact cannot have stages in plan", response.Message);
    }

    [Fact]
    public async Task a_schedule_naming_an_unknown_rotation_is_a_validation_error()
    {
        var client = await PeopleAsync();
        var ghost = client.Arn("rotation/" + Guid.NewGuid());
        Assert.Equal("ValidationException", (await client.CallAsync("CreateContact", Schedule("s", ghost))).Type);

        var real = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        await client.OkAsync("CreateContact", Schedule("s", real));
        var update = await client.CallAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/s")}}}","Plan":{"Stages":[],"RotationIds":["{{{real}}}","{{{ghost}}}"]}}
            """);
        Assert.Equal("ValidationException", update.Type);
        Assert.Equal([real], await RotationIdsAsync(client, "s"));

        // A rotation of another account does not exist here either.
        var stranger = await PeopleAsync();
        var theirs = await stranger.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        Assert.Equal("ValidationException", (await client.CallAsync("CreateContact", Schedule("t", theirs))).Type);
    }

    [Fact]
    public async Task a_schedule_holds_at_most_eight_distinct_rotations()
    {
        var client = await PeopleAsync();
        var rotations = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            rotations.Add(await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900, $"r{i}"));
        }
        Assert.Equal("ServiceQuotaExceededException", (await client.CallAsync("CreateContact", Schedule("nine", [.. rotations]))).Type);
        await client.OkAsync("CreateContact", Schedule("eight", [.. rotations.Take(8)]));
        Assert.Equal(rotations.Take(8), await RotationIdsAsync(client, "eight"));
        Assert.Equal("ServiceQuotaExceededException", (await client.CallAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/eight")}}}","Plan":{"Stages":[],"RotationIds":[{{{string.Join(",", rotations.Select(r => $"\"{r}\""))}}}]}}
            """)).Type);

        Assert.Equal("ValidationException", (await client.CallAsync("CreateContact", Schedule("dup", rotations[0], rotations[1], rotations[0]))).Type);
        await client.OkAsync("CreateContact", Schedule("none"));
    }

    [Fact]
    public async Task only_schedules_can_hold_rotations()
    {
        var client = await PeopleAsync();
        var rotation = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        foreach (var type in new[] { "PERSONAL", "ESCALATION" })
        {
            var response = await client.CallAsync("CreateContact", $$$"""
                {"Alias":"x{{{type.ToLowerInvariant()}}}","Type":"{{{type}}}","Plan":{"Stages":[],"RotationIds":["{{{rotation}}}"]}}
                """);
            Assert.True(response.Type == "ValidationException", type + ": " + response.Text);
        }
        var onPerson = await client.CallAsync("UpdateContact", $$$"""
            {"ContactId":"{{{client.Arn("contact/a")}}}","Plan":{"Stages":[],"RotationIds":["{{{rotation}}}"]}}
            """);
        Assert.Equal("ValidationException", onPerson.Type);
    }

    [Fact]
    public async Task list_contacts_by_type_oncall_schedule_lists_only_schedules()
    {
        var client = await PeopleAsync();
        var rotation = await client.CreateRotationAsync("A", Jan1, "UTC", Daily0900);
        await client.OkAsync("CreateContact", Schedule("sched1", rotation));
        await client.OkAsync("CreateContact", Schedule("sched2"));
        await client.OkAsync("CreateContact", """{"Alias":"esc","Type":"ESCALATION","Plan":{"Stages":[]}}""");

        var schedules = await client.AllPagesAsync("ListContacts", """{"Type":"ONCALL_SCHEDULE"}""", "Contacts");
        Assert.Equal(["sched1", "sched2"], schedules.Select(c => c.GetProperty("Alias").GetString()));
        Assert.All(schedules, c => Assert.Equal("ONCALL_SCHEDULE", c.GetProperty("Type").GetString()));
        var people = await client.AllPagesAsync("ListContacts", """{"Type":"PERSONAL"}""", "Contacts");
        Assert.Equal(["a", "b", "c", "d"], people.Select(c => c.GetProperty("Alias").GetString()));
    }
}
