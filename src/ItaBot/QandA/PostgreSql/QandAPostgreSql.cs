using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.QandA.PostgreSql;

internal static class QandAPostgreSqlExtensions
{
    /// <summary>The Q&amp;A log and handovers in PostgreSQL: the schema and the store.</summary>
    public static IServiceCollection AddQandAPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, QandAPostgreSqlSchema>();
        services.AddSingleton<IQaStore, PostgreSqlQaStore>();
        // A store on another clock (the seed command writes a past year as of its own time).
        services.AddSingleton<Func<TimeProvider, IQaStore>>(sp => time => new PostgreSqlQaStore(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IStoreWriter>(), sp.GetRequiredService<AgencyContext>(), time));
        return services;
    }
}

/// <summary>The Q&amp;A log by time (reports count it; the unanswered ones are listed for staff); handovers by status and citizen.</summary>
internal sealed class QandAPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "qanda";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table qa_log (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            at timestamptz not null,
            outcome text collate "C" not null,
            matched_id text,
            score double precision not null,
            question text,
            thread text collate "C",
            primary key (agency_id, id)
        );
        create index qa_log_at on qa_log (agency_id, at, id);
        create index qa_log_unanswered on qa_log (agency_id, at desc) where outcome in ('Unanswered', 'HandedOver');

        create table handovers (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            created_at timestamptz not null,
            status text collate "C" not null,
            question text not null,
            line_user_id text collate "C" not null,
            conversation_id text not null,
            staff_answer text,
            answered_at timestamptz,
            answered_by text,
            primary key (agency_id, id)
        );
        create index handovers_open on handovers (agency_id, created_at, id) where status = 'Open';
        create index handovers_citizen on handovers (agency_id, line_user_id);
        create index handovers_created on handovers (agency_id, created_at);
        """,
    ];
}
