using ItaBot.Storage.PostgreSql;

namespace ItaBot.Notifications.PostgreSql;

internal static class NotificationsPostgreSqlExtensions
{
    /// <summary>The notification outbox in PostgreSQL: the schema and the store.</summary>
    public static IServiceCollection AddNotificationsPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, NotificationsPostgreSqlSchema>();
        services.AddSingleton<INotificationStore, PostgreSqlNotificationStore>();
        return services;
    }
}

/// <summary>Notifications by case, the waiting ones by due time (the sweep), the sent ones by sending time (retention).</summary>
internal sealed class NotificationsPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "notifications";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table notifications (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            kind text not null,
            case_id text collate "C",
            recipient text not null,
            messages text not null,
            created_at timestamptz not null,
            state smallint not null,
            attempts integer not null,
            last_status integer,
            last_error text,
            next_attempt_at timestamptz not null,
            sent_at timestamptz,
            via text,
            primary key (agency_id, id)
        );
        create index notifications_case on notifications (agency_id, case_id, created_at, id) where case_id is not null;
        create index notifications_due on notifications (agency_id, next_attempt_at) where state in (0, 2);
        create index notifications_sent on notifications (agency_id, sent_at) where state = 1;
        """,
    ];
}
