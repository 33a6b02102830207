using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>Small helpers the PostgreSQL stores share: parameters in one expression, nullable columns.</summary>
internal static class PgCommandExtensions
{
    /// <summary>Adds a parameter (null becomes SQL NULL) and returns the command, so a statement reads as one expression.</summary>
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static string? NullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTime? NullableDateTime(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    /// <summary>A count or other single number the statement returns (0 when it returns nothing).</summary>
    public static long Scalar(this NpgsqlCommand command) => command.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
