using NodaTime;

namespace Callout.Server.Mapping;

static class Times
{
    public static DateTimeOffset Of(Instant instant) => instant.ToDateTimeOffset();

    public static DateTimeOffset? Of(Instant? instant) => instant?.ToDateTimeOffset();

    public static Instant? Of(DateTimeOffset? time) => time is { } t ? Instant.FromDateTimeOffset(t) : null;
}
