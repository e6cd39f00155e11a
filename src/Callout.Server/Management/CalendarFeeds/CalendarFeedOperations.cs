namespace Callout.Server.Management.CalendarFeeds;

static class CalendarFeedOperations
{
    public static IServiceCollection AddCalendarFeeds(this IServiceCollection services)
    {
        services.AddSingleton<IManagementOperation, CreateCalendarFeed>();
        services.AddSingleton<IManagementOperation, ListCalendarFeeds>();
        services.AddSingleton<IManagementOperation, RevokeCalendarFeed>();
        return services;
    }
}
