using Callout.Domain;
using Xunit;
using Wire = Callout.Protocol.Shapes;

namespace Callout.Tests.Domain;

/// The domain's kinds go by the model's enum names, every value of each enum has one, and each
/// name reads back as its value.
public sealed class ExternalNamesTests
{
    [Fact]
    public void contact_kinds_are_the_models_contact_types() =>
        AssertSpellsModelEnum(ExternalNames.ContactKinds, Wire.ContactType.All);

    [Fact]
    public void channel_kinds_are_the_models_channel_types() =>
        AssertSpellsModelEnum(ExternalNames.ChannelKinds, Wire.ChannelType.All);

    [Fact]
    public void receipt_kinds_are_the_models_receipt_types() =>
        AssertSpellsModelEnum(ExternalNames.ReceiptKinds, Wire.ReceiptType.All);

    [Fact]
    public void an_unknown_name_does_not_parse()
    {
        Assert.False(ExternalNames.ChannelKinds.TryParse("sms", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExternalNames.ContactKinds.Parse("PAGER"));
    }

    static void AssertSpellsModelEnum<T>(EnumNames<T> names, IEnumerable<string> model) where T : struct, Enum
    {
        Assert.Equal(model.Order(StringComparer.Ordinal), names.Names.Order(StringComparer.Ordinal));
        foreach (var value in Enum.GetValues<T>())
        {
            Assert.True(names.TryParse(names.Of(value), out var back));
            Assert.Equal(value, back);
        }
    }
}
