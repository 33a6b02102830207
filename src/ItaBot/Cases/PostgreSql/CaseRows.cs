using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace ItaBot.Cases.PostgreSql;

/// <summary>The jsonb form of a whole case: enums by name, times as ISO 8601 UTC (they read back with Kind=Utc, to the tick).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(CaseRecord))]
internal sealed partial class CaseJson : JsonSerializerContext;

/// <summary>How a case and its facts map to the rows of "cases" and "case_facts".</summary>
internal static class CaseRows
{
    /// <summary>The columns of "cases", in the order <see cref="AddCaseParameters"/> and <see cref="WriteCase"/> give them.</summary>
    public const string CaseColumns =
        "agency_id, id, number, fiscal_year, sequence, category_id, department, channel, status, assignee_id, citizen_line_user_id, "
        + "contact_phone, created_at, closed_at, open_due, personal_data, anonymised, photos, version, record";

    public const string CaseValues =
        "@agency, @id, @number, @fiscal_year, @sequence, @category_id, @department, @channel, @status, @assignee_id, @citizen_line_user_id, "
        + "@contact_phone, @created_at, @closed_at, @open_due, @personal_data, @anonymised, @photos, @version, @record";

    public const string FactColumns =
        "agency_id, created_at, case_id, number, category_id, department, channel, acknowledge_by, acknowledged_at, answer_by, answered_at, "
        + "closed_at, rating_score, rated_at, status_at, status";

    public const string FactValues =
        "@agency, @f_created_at, @f_case_id, @f_number, @f_category_id, @f_department, @f_channel, @f_acknowledge_by, @f_acknowledged_at, "
        + "@f_answer_by, @f_answered_at, @f_closed_at, @f_rating_score, @f_rated_at, @f_status_at, @f_status";

    public static string ToJson(CaseRecord c) => JsonSerializer.Serialize(c, CaseJson.Default.CaseRecord);

    public static CaseRecord FromJson(string json) =>
        JsonSerializer.Deserialize(json, CaseJson.Default.CaseRecord) ?? throw new InvalidDataException("A stored case is empty.");

    public static void AddCaseParameters(NpgsqlParameterCollection p, string agency, CaseRecord c)
    {
        p.Add(Text("agency", agency));
        p.Add(Text("id", c.Id));
        p.Add(Text("number", c.Number));
        p.Add(new NpgsqlParameter<int>("fiscal_year", c.FiscalYear));
        p.Add(new NpgsqlParameter<int>("sequence", c.Sequence));
        p.Add(Text("category_id", c.CategoryId));
        p.Add(Text("department", c.Department));
        p.Add(Text("channel", c.Channel.ToString()));
        p.Add(Text("status", c.Status.ToString()));
        p.Add(Text("assignee_id", c.AssigneeId));
        p.Add(Text("citizen_line_user_id", c.CitizenLineUserId));
        p.Add(Text("contact_phone", c.ContactPhone));
        p.Add(Time("created_at", c.CreatedAt));
        p.Add(Time("closed_at", c.ClosedAt));
        p.Add(Time("open_due", c.OpenDue()));
        p.Add(new NpgsqlParameter<bool>("personal_data", c.Description != CaseService.ErasedText));
        p.Add(new NpgsqlParameter<bool>("anonymised", CaseService.IsAnonymised(c)));
        p.Add(new NpgsqlParameter<int>("photos", c.Photos.Count));
        p.Add(new NpgsqlParameter<int>("version", c.Version));
        p.Add(new NpgsqlParameter<string>("record", NpgsqlDbType.Jsonb) { TypedValue = ToJson(c) });
    }

    public static void AddFactParameters(NpgsqlParameterCollection p, string agency, CaseFact f)
    {
        p.Add(Text("agency", agency));
        p.Add(Time("f_created_at", f.CreatedAt));
        p.Add(Text("f_case_id", f.CaseId));
        p.Add(Text("f_number", f.Number));
        p.Add(Text("f_category_id", f.CategoryId));
        p.Add(Text("f_department", f.Department));
        p.Add(new NpgsqlParameter<short>("f_channel", (short)f.Channel));
        p.Add(Time("f_acknowledge_by", f.AcknowledgeBy));
        p.Add(Time("f_acknowledged_at", f.AcknowledgedAt));
        p.Add(Time("f_answer_by", f.AnswerBy));
        p.Add(Time("f_answered_at", f.AnsweredAt));
        p.Add(Time("f_closed_at", f.ClosedAt));
        p.Add(new NpgsqlParameter("f_rating_score", NpgsqlDbType.Smallint) { Value = f.RatingScore is { } s ? (short)s : DBNull.Value });
        p.Add(Time("f_rated_at", f.RatedAt));
        p.Add(new NpgsqlParameter<DateTime[]>("f_status_at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. f.Statuses.Select(s => Utc(s.At))] });
        p.Add(new NpgsqlParameter<short[]>("f_status", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { TypedValue = [.. f.Statuses.Select(s => (short)s.Status)] });
    }

    /// <summary>One row of "cases" for a binary COPY, columns as in <see cref="CaseColumns"/>.</summary>
    public static void WriteCase(NpgsqlBinaryImporter copy, string agency, CaseRecord c)
    {
        copy.StartRow();
        copy.Write(agency, NpgsqlDbType.Text);
        copy.Write(c.Id, NpgsqlDbType.Text);
        copy.Write(c.Number, NpgsqlDbType.Text);
        copy.Write(c.FiscalYear, NpgsqlDbType.Integer);
        copy.Write(c.Sequence, NpgsqlDbType.Integer);
        copy.Write(c.CategoryId, NpgsqlDbType.Text);
        copy.Write(c.Department, NpgsqlDbType.Text);
        copy.Write(c.Channel.ToString(), NpgsqlDbType.Text);
        copy.Write(c.Status.ToString(), NpgsqlDbType.Text);
        WriteText(copy, c.AssigneeId);
        WriteText(copy, c.CitizenLineUserId);
        WriteText(copy, c.ContactPhone);
        copy.Write(Utc(c.CreatedAt), NpgsqlDbType.TimestampTz);
        WriteTime(copy, c.ClosedAt);
        WriteTime(copy, c.OpenDue());
        copy.Write(c.Description != CaseService.ErasedText, NpgsqlDbType.Boolean);
        copy.Write(CaseService.IsAnonymised(c), NpgsqlDbType.Boolean);
        copy.Write(c.Photos.Count, NpgsqlDbType.Integer);
        copy.Write(c.Version, NpgsqlDbType.Integer);
        copy.Write(ToJson(c), NpgsqlDbType.Jsonb);
    }

    /// <summary>One row of "case_facts" for a binary COPY, columns as in <see cref="FactColumns"/>.</summary>
    public static void WriteFact(NpgsqlBinaryImporter copy, string agency, CaseFact f)
    {
        copy.StartRow();
        copy.Write(agency, NpgsqlDbType.Text);
        copy.Write(Utc(f.CreatedAt), NpgsqlDbType.TimestampTz);
        copy.Write(f.CaseId, NpgsqlDbType.Text);
        copy.Write(f.Number, NpgsqlDbType.Text);
        copy.Write(f.CategoryId, NpgsqlDbType.Text);
        copy.Write(f.Department, NpgsqlDbType.Text);
        copy.Write((short)f.Channel, NpgsqlDbType.Smallint);
        copy.Write(Utc(f.AcknowledgeBy), NpgsqlDbType.TimestampTz);
        WriteTime(copy, f.AcknowledgedAt);
        copy.Write(Utc(f.AnswerBy), NpgsqlDbType.TimestampTz);
        WriteTime(copy, f.AnsweredAt);
        WriteTime(copy, f.ClosedAt);
        if (f.RatingScore is { } score)
        {
            copy.Write((short)score, NpgsqlDbType.Smallint);
        }
        else
        {
            copy.WriteNull();
        }

        WriteTime(copy, f.RatedAt);
        copy.Write(f.Statuses.Select(s => Utc(s.At)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
        copy.Write(f.Statuses.Select(s => (short)s.Status).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Smallint);
    }

    /// <summary>A fact from a row of <see cref="FactReadColumns"/>.</summary>
    public static CaseFact ReadFact(NpgsqlDataReader r)
    {
        var at = r.GetFieldValue<DateTime[]>(13);
        var status = r.GetFieldValue<short[]>(14);
        var statuses = new CaseFact.StatusEntry[at.Length];
        for (var i = 0; i < at.Length; i++)
        {
            statuses[i] = new CaseFact.StatusEntry(at[i], (CaseStatus)status[i]);
        }

        return new CaseFact(
            r.GetString(1),
            r.GetString(2),
            r.GetFieldValue<DateTime>(0),
            r.GetString(3),
            r.GetString(4),
            (CaseChannel)r.GetInt16(5),
            r.GetFieldValue<DateTime>(6),
            r.IsDBNull(7) ? null : r.GetFieldValue<DateTime>(7),
            r.GetFieldValue<DateTime>(8),
            r.IsDBNull(9) ? null : r.GetFieldValue<DateTime>(9),
            r.IsDBNull(10) ? null : r.GetFieldValue<DateTime>(10),
            statuses,
            r.IsDBNull(11) ? null : r.GetInt16(11),
            r.IsDBNull(12) ? null : r.GetFieldValue<DateTime>(12));
    }

    /// <summary>The columns <see cref="ReadFact"/> reads, in its order.</summary>
    public const string FactReadColumns =
        "created_at, case_id, number, category_id, department, channel, acknowledge_by, acknowledged_at, answer_by, answered_at, closed_at, "
        + "rating_score, rated_at, status_at, status";

    private static DateTime Utc(DateTime time) => Storage.PostgreSql.PgCommandExtensions.Utc(time);

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTime? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? Utc(v) : DBNull.Value };

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }

    private static void WriteTime(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (value is { } v)
        {
            copy.Write(Utc(v), NpgsqlDbType.TimestampTz);
        }
        else
        {
            copy.WriteNull();
        }
    }
}
