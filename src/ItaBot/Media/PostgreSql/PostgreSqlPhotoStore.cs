using ItaBot.Cases;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;
using NpgsqlTypes;

namespace ItaBot.Media.PostgreSql;

internal static class MediaPostgreSqlExtensions
{
    /// <summary>Photos in PostgreSQL: the schema and the store.</summary>
    public static IServiceCollection AddMediaPostgreSql(this IServiceCollection services)
    {
        services.AddSingleton<IPostgreSqlSchema, MediaPostgreSqlSchema>();
        services.AddSingleton<IPhotoStore, PostgreSqlPhotoStore>();
        return services;
    }
}

/// <summary>One row per stripped photo, keyed by agency and id; the year (Bangkok time) beside it for retention sweeps.</summary>
internal sealed class MediaPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "media";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table photos (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            year integer not null,
            stored_at timestamptz not null,
            width integer not null,
            height integer not null,
            jpeg bytea not null,
            primary key (agency_id, id)
        );
        create index photos_year on photos (agency_id, year);
        """,
    ];
}

/// <summary>
/// Stripped photos in PostgreSQL, so a photo a citizen sent through one node is served by any other. One insert
/// stores a photo whole (no reader sees half of one); a delete removes the row (retention, erasure). Photos are small
/// (re-encoded, at most <c>ItaBot:Media:MaxEdge</c> pixels a side), so one is read into memory to be served.
/// </summary>
internal sealed class PostgreSqlPhotoStore(NpgsqlDataSource dataSource, AgencyContext agency, TimeProvider time) : IPhotoStore
{
    public async Task<CasePhoto> SaveAsync(StrippedPhoto photo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var id = Photos.NewId();
        using var command = dataSource.CreateCommand(
            "insert into photos (agency_id, id, year, stored_at, width, height, jpeg) values (@agency, @id, @year, @at, @width, @height, @jpeg)");
        command.With("agency", agency.Id).With("id", id).With("year", Photos.Year(time)).With("at", time.GetUtcNow().UtcDateTime)
            .With("width", photo.Width).With("height", photo.Height);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("jpeg", NpgsqlDbType.Bytea) { TypedValue = photo.Jpeg });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new CasePhoto(id, Photos.ContentType, photo.Width, photo.Height, photo.Jpeg.LongLength);
    }

    public Stream? Open(string id)
    {
        if (!Photos.IsValidId(id))
        {
            return null;
        }

        using var command = dataSource.CreateCommand("select jpeg from photos where agency_id = @agency and id = @id").With("agency", agency.Id).With("id", id);
        return command.ExecuteScalar() is byte[] jpeg ? new MemoryStream(jpeg, writable: false) : null;
    }

    public bool Delete(string id)
    {
        if (!Photos.IsValidId(id))
        {
            return false;
        }

        using var command = dataSource.CreateCommand("delete from photos where agency_id = @agency and id = @id").With("agency", agency.Id).With("id", id);
        return command.ExecuteNonQuery() > 0;
    }
}
