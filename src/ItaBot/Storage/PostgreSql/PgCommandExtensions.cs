using Npgsql;
using NpgsqlTypes;

namespace ItaBot.Storage.PostgreSql;

/// <summary>Small helpers the PostgreSQL stores share: parameters in one expression, reads of rows and nullable columns.</summary>
internal static class PgCommandExtensions
{
    /// <summary>
    /// Adds a parameter (null becomes SQL NULL) and returns the command, so a statement reads as one expression. A
    /// <see cref="DateTime"/> always goes as timestamptz in UTC (an unspecified kind is taken as UTC: every time this service
    /// keeps is), so no comparison depends on the session's time zone and DateTime.MinValue/MaxValue are -infinity/infinity.
    /// </summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        Add(command.Parameters, name, value);
        return command;
    }

    /// <summary>The same for a statement <see cref="PgUnitOfWork.Defer">deferred</see> into the transaction's next round trip.</summary>
    public static NpgsqlBatchCommand With(this NpgsqlBatchCommand command, string name, object? value)
    {
        Add(command.Parameters, name, value);
        return command;
    }

    private static void Add(NpgsqlParameterCollection parameters, string name, object? value)
    {
        if (value is DateTime time)
        {
            parameters.Add(new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = Utc(time) });
        }
        else
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    /// <summary>Adds a jsonb parameter from JSON text (json, kept as written, when not <paramref name="binary"/>).</summary>
    public static NpgsqlCommand WithJson(this NpgsqlCommand command, string name, string json, bool binary = true)
    {
        command.Parameters.Add(new NpgsqlParameter<string>(name, binary ? NpgsqlDbType.Jsonb : NpgsqlDbType.Json) { TypedValue = json });
        return command;
    }

    public static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTime? NullableDateTime(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    public static int? NullableInt(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>A count or other single number the statement returns (0 when it returns nothing).</summary>
    public static long Scalar(this NpgsqlCommand command) => command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Runs the query and maps every row (the command is disposed).</summary>
    public static List<T> ReadAll<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
    {
        using (command)
        using (var reader = command.ExecuteReader())
        {
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <summary>Runs the query and maps its first row, or returns null when there is none (the command is disposed).</summary>
    public static T? ReadFirst<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map)
        where T : class
    {
        using (command)
        using (var reader = command.ExecuteReader())
        {
            return reader.Read() ? map(reader) : null;
        }
    }

    /// <summary>
    /// Deletes what an outbox table (the answers' outbox, the notifications) marked sent before <paramref name="before"/>:
    /// both keep agency_id, state and sent_at. The table and state are the calling store's constants, never input; the
    /// state stays a literal so the planner can use a partial index on it.
    /// </summary>
    public static int DeleteSentBefore(this PgUnitOfWork work, string table, short sentState, string agencyId, DateTime before)
    {
        using var command = work.Command(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"delete from {table} where agency_id = @agency and state = {sentState} and sent_at < @before"))
            .With("agency", agencyId).With("before", before);
        return command.ExecuteNonQuery();
    }
}
