using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Reports.PostgreSql;

internal static class ReportsPostgreSqlExtensions
{
    /// <summary>The snapshot store and the walk-in register in PostgreSQL: the schema and the stores.</summary>
    public static IServiceCollection AddReportsPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, ReportsPostgreSqlSchema>();
        services.AddSingleton<IReportSnapshotStore, PostgreSqlReportSnapshotStore>();
        services.AddSingleton<IServiceVisitStore, PostgreSqlServiceVisitStore>();
        // A register on another clock (the seed command writes a past year as of its own time).
        services.AddSingleton<Func<TimeProvider, IServiceVisitStore>>(sp => time => new PostgreSqlServiceVisitStore(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IStoreWriter>(), sp.GetRequiredService<AgencyContext>(), time));
        return services;
    }
}

/// <summary>
/// Snapshots by period and newest first (the figures as json, kept as compiled, byte for byte); the walk-in register by day, a line
/// corrected at most once (a unique index on what a line corrects: two nodes correcting one line at once store one).
/// </summary>
internal sealed class ReportsPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "reports";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table report_snapshots (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            slug text collate "C" not null,
            compiled_at timestamptz not null,
            as_of timestamptz not null,
            compiled_by text,
            snapshot json not null,
            primary key (agency_id, id)
        );
        create index report_snapshots_slug on report_snapshots (agency_id, slug, compiled_at desc, id desc);
        create index report_snapshots_newest on report_snapshots (agency_id, compiled_at desc, id desc);

        create table service_visits (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            day date not null,
            service_id text not null,
            service_name text not null,
            people integer not null,
            note text,
            recorded_by text not null,
            recorded_at timestamptz not null,
            corrects text collate "C",
            primary key (agency_id, id)
        );
        create index service_visits_day on service_visits (agency_id, day);
        create unique index service_visits_corrects on service_visits (agency_id, corrects) where corrects is not null;
        """,
    ];
}
