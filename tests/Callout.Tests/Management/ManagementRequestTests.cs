using System.Text.Json;
using Callout.Protocol.Errors;
using Callout.Server.Management;
using Xunit;

namespace Callout.Tests.Management;

public class ManagementRequestTests
{
    static ManagementRequest Body(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void members_are_read_as_their_types()
    {
        var request = Body("""{"Name":"a","MaxResults":5,"After":1700000000.5}""");
        Assert.Equal("a", request.RequiredString("Name", 10));
        Assert.Equal(5, request.OptionalInt("MaxResults", 1, 1000));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), request.OptionalTime("After"));
    }

    [Fact]
    public void absent_and_null_members_are_absent()
    {
        var request = Body("""{"Name":null}""");
        Assert.Null(request.OptionalString("Name", 10));
        Assert.Null(request.OptionalInt("MaxResults", 1, 1000));
        Assert.Null(request.OptionalTime("After"));
    }

    [Fact]
    public void a_missing_required_member_names_itself()
    {
        var e = Assert.Throws<ValidationException>(() => Body("{}").RequiredString("Name", 10));
        Assert.Contains("at 'Name' failed to satisfy constraint: Member must not be null", e.Message);
        Assert.Equal(ValidationException.FieldValidationFailed, e.Reason);
    }

    [Theory]
    [InlineData("""{"Name":""}""", "Member must have length greater than or equal to 1")]
    [InlineData("""{"Name":"elevenchars"}""", "Member must have length less than or equal to 10")]
    public void a_string_outside_its_length_is_refused(string json, string message)
    {
        var e = Assert.Throws<ValidationException>(() => Body(json).OptionalString("Name", 10));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("""{"MaxResults":0}""", "greater than or equal to 1")]
    [InlineData("""{"MaxResults":1001}""", "less than or equal to 1000")]
    [InlineData("""{"MaxResults":"5"}""", "Member must be an integer")]
    [InlineData("""{"MaxResults":1e300}""", "Member must be an integer")]
    public void a_number_outside_its_range_or_type_is_refused(string json, string message)
    {
        var e = Assert.Throws<ValidationException>(() => Body(json).OptionalInt("MaxResults", 1, 1000));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("""{"After":"yesterday"}""")]
    [InlineData("""{"After":1e300}""")]
    [InlineData("""{"After":[]}""")]
    public void a_time_that_is_not_epoch_seconds_is_refused(string json)
    {
        var e = Assert.Throws<ValidationException>(() => Body(json).OptionalTime("After"));
        Assert.Contains("Member must be a timestamp in epoch seconds", e.Message);
        Assert.Equal(ValidationException.CannotParse, e.Reason);
    }

    [Fact]
    public void a_list_of_strings_is_read_in_order_and_absent_is_null()
    {
        Assert.Equal(["a", "b"], Body("""{"Topics":["a","b"]}""").OptionalStringList("Topics", 5, 10));
        Assert.Null(Body("{}").OptionalStringList("Topics", 5, 10));
    }

    [Theory]
    [InlineData("""{"Topics":"a"}""", "Member must be a list")]
    [InlineData("""{"Topics":[1]}""", "Member must be a string")]
    [InlineData("""{"Topics":[null]}""", "Member must not be null")]
    [InlineData("""{"Topics":[""]}""", "Member must have length greater than or equal to 1")]
    [InlineData("""{"Topics":["elevenchars"]}""", "Member must have length less than or equal to 10")]
    [InlineData("""{"Topics":["a","b","c","d","e","f"]}""", "Member must have length less than or equal to 5")]
    public void a_list_of_the_wrong_shape_is_refused(string json, string message)
    {
        var e = Assert.Throws<ValidationException>(() => Body(json).OptionalStringList("Topics", 5, 10));
        Assert.Contains(message, e.Message);
    }
}
