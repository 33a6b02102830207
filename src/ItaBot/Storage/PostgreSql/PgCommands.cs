using Npgsql;
using NpgsqlTypes;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// The few helpers the PostgreSQL stores share: a command inside a unit of work or on a pooled connection of its own,
/// parameters whose times always go to the server as UTC, and reads of nullable columns.
/// </summary>
internal static class PgCommands
{
    /// <summary>A command in the unit of work's transaction (it sees the unit's own earlier writes).</summary>
    public static NpgsqlCommand Command(this IUnitOfWork work, string sql)
    {
        var pg = work.Pg();
        return new NpgsqlCommand(sql, pg.Connection, pg.Transaction);
    }

    /// <summary>
    /// Adds a parameter. A <see cref="DateTime"/> goes as timestamptz, in UTC whatever its kind (an unspecified kind is
    /// taken as UTC: every time this service keeps is), so a comparison never depends on the session's time zone.
    /// </summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        switch (value)
        {
            case DateTime time:
                command.Parameters.Add(new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = Utc(time) });
                break;
            case null:
                command.Parameters.AddWithValue(name, DBNull.Value);
                break;
            default:
                command.Parameters.AddWithValue(name, value);
                break;
        }

        return command;
    }

    /// <summary>Adds a jsonb parameter from JSON text (json, kept as written, when not <paramref name="binary"/>).</summary>
    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string json, bool binary = true)
    {
        command.Parameters.Add(new NpgsqlParameter<string>(name, binary ? NpgsqlDbType.Jsonb : NpgsqlDbType.Json) { TypedValue = json });
        return command;
    }

    /// <summary>Adds a text[] parameter.</summary>
    public static NpgsqlCommand WithTexts(this NpgsqlCommand command, string name, IReadOnlyList<string> values)
    {
        command.Parameters.Add(new NpgsqlParameter<string[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] });
        return command;
    }

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    /// <summary>Runs the query and maps every row.</summary>
    public static List<T> ReadAll<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs the query and maps its first row, or returns null when there is none.</summary>
    public static T? ReadFirst<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
        where T : class
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? map(reader) : null;
    }

    /// <summary>The single number a count or aggregate returns (0 for null).</summary>
    public static long ReadLong(this NpgsqlCommand command) => command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public static string? TextOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A timestamptz column: Npgsql reads it as UTC.</summary>
    public static DateTime Time(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal);

    public static DateTime? TimeOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTime>(ordinal);

    public static int? IntOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
