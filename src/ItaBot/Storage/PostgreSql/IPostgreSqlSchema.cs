namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// A slice's tables in the PostgreSQL database, registered by the slice's PostgreSQL adapter. <see cref="Migrations"/> are
/// SQL scripts applied in order, each once, in a transaction of its own (<see cref="PgSchemaMigrator"/>); a landed script
/// is never edited, a change is a new script at the end. Every table has <c>agency_id text not null</c> first in its
/// primary key, and every query filters by it.
/// </summary>
internal interface IPostgreSqlSchema
{
    /// <summary>The slice's name in schema_versions (e.g. "webhook"); unique.</summary>
    string Slice { get; }

    IReadOnlyList<string> Migrations { get; }
}
