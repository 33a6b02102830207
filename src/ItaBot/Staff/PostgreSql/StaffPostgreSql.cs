using System.Text.Json.Serialization;
using ItaBot.Storage.PostgreSql;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ItaBot.Staff.PostgreSql;

internal static class StaffPostgreSqlExtensions
{
    /// <summary>Staff accounts and departments in PostgreSQL: the schema and the store.</summary>
    public static IServiceCollection AddStaffPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, StaffPostgreSqlSchema>();
        services.AddSingleton<IStaffStore, PostgreSqlStaffStore>();
        return services;
    }

    /// <summary>
    /// The sign-in key ring in PostgreSQL, shared by every node; its first key made once, before data protection's own
    /// start-up step loads the ring (hosted services start in the order they are registered: this one goes first).
    /// </summary>
    public static void AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddSingleton<PostgreSqlKeyRingRepository>();
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SharedKeyRingFirstKey>());
    }

    public static IXmlRepository KeyRingRepository(IServiceProvider services) => services.GetRequiredService<PostgreSqlKeyRingRepository>();
}

/// <summary>
/// Accounts: the whole record as jsonb beside the columns they are found by (user name, unique per agency; department;
/// linked LINE account; role; a pending link code). Departments: plain columns.
/// </summary>
internal sealed class StaffPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "staff";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table staff (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            user_name text collate "C" not null,
            department text collate "C",
            line_user_id text collate "C",
            role text collate "C" not null,
            disabled boolean not null,
            link_code_expires_at timestamptz,
            version integer not null,
            record jsonb not null,
            primary key (agency_id, id)
        );
        create unique index staff_user_name on staff (agency_id, user_name);
        create index staff_department on staff (agency_id, department) where department is not null;
        create index staff_line_user on staff (agency_id, line_user_id) where line_user_id is not null;
        create index staff_link_code on staff (agency_id, link_code_expires_at) where link_code_expires_at is not null;

        create table departments (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            name text collate "C" not null,
            head text,
            active boolean not null,
            version integer not null,
            primary key (agency_id, id)
        );
        """,
        // The data-protection key ring, sealed element by element (see PostgreSqlKeyRingRepository): one per deployment.
        """
        create table staff_key_ring (
            position bigint generated always as identity primary key,
            friendly_name text collate "C" not null,
            xml text not null,
            stored_at timestamptz not null default now()
        );
        """,
    ];
}

/// <summary>The jsonb form of an account: enums by name, times as ISO 8601 UTC.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StaffAccount))]
internal sealed partial class StaffJson : JsonSerializerContext;
