using System.Text.Json.Serialization;
using ItaBot.Storage.PostgreSql;

namespace ItaBot.Privacy.PostgreSql;

internal static class PrivacyPostgreSqlExtensions
{
    /// <summary>The privacy slice's records in PostgreSQL: the schema and the store.</summary>
    public static IServiceCollection AddPrivacyPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, PrivacyPostgreSqlSchema>();
        services.AddSingleton<IPrivacyStore, PostgreSqlPrivacyStore>();
        return services;
    }
}

/// <summary>PDPA: requests by person, status, year and time (their log as jsonb); copy links by expiry; the staff access audit and the purge log by time.</summary>
internal sealed class PrivacyPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "privacy";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table privacy_requests (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            number text collate "C" not null,
            year integer not null,
            sequence integer not null,
            kind text collate "C" not null,
            in_person boolean not null,
            line_user_id text collate "C",
            requester_name text,
            requester_phone text,
            detail text,
            received_at timestamptz not null,
            due_at timestamptz not null,
            status text collate "C" not null,
            decided_at timestamptz,
            decided_by text,
            reason text,
            log jsonb not null,
            primary key (agency_id, id)
        );
        create index privacy_requests_received on privacy_requests (agency_id, received_at);
        create index privacy_requests_status on privacy_requests (agency_id, status, received_at);
        create index privacy_requests_year on privacy_requests (agency_id, year, sequence);
        create index privacy_requests_person on privacy_requests (agency_id, line_user_id) where line_user_id is not null;
        create index privacy_requests_decided on privacy_requests (agency_id, decided_at) where decided_at is not null;

        create table privacy_copies (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            line_user_id text not null,
            request_id text not null,
            expires_at timestamptz not null,
            used_at timestamptz,
            primary key (agency_id, id)
        );
        create index privacy_copies_expires on privacy_copies (agency_id, expires_at);

        create table access_audit (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            at timestamptz not null,
            staff_id text not null,
            staff_name text not null,
            role text not null,
            action text not null,
            target text not null,
            primary key (agency_id, id)
        );
        create index access_audit_at on access_audit (agency_id, at);

        create table purge_log (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            at timestamptz not null,
            kind text not null,
            count integer not null,
            detail text not null,
            primary key (agency_id, id)
        );
        create index purge_log_at on purge_log (agency_id, at);
        """,
        // Request numbers reserved by a statement that commits at once, so two nodes never show one number.
        """
        create table privacy_request_numbers (
            agency_id text collate "C" not null,
            year integer not null,
            last_sequence integer not null,
            primary key (agency_id, year)
        );
        """,
    ];
}

/// <summary>The jsonb form of a request's log.</summary>
[JsonSerializable(typeof(IReadOnlyList<PrivacyRequestEvent>))]
internal sealed partial class PrivacyLogJson : JsonSerializerContext;
