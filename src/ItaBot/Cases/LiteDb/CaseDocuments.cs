using System.Globalization;
using LiteDB;

namespace ItaBot.Cases.LiteDb;

/// <summary>
/// Hand-written mapping between <see cref="CaseRecord"/> and its LiteDB document (faster than the reflection mapper and
/// stable when the record grows). Besides the record's fields a document carries list keys (see <see cref="ListKeys"/>).
/// </summary>
internal static class CaseDocuments
{
    /// <summary>
    /// Sort keys "filter value|CreatedAt ticks|id", one per list filter, each indexed: a page of the newest cases of a
    /// department (or status, or department and status…) is a short descending walk of one index, never a sort of
    /// thousands of documents. "OpenDue" is the earliest missed-or-coming deadline of an open case (null once closed),
    /// which finds overdue cases; "KOpen" (open cases only) lists them newest first.
    /// </summary>
    public static readonly string[] ListKeys = ["KStatus", "KDepartment", "KCategory", "KChannel", "KAssignee", "KDepartmentStatus", "KOpen"];

    public static BsonDocument ToBson(CaseRecord c)
    {
        var tail = string.Create(CultureInfo.InvariantCulture, $"|{c.CreatedAt.Ticks:D19}|{c.Id}");
        return new BsonDocument
        {
            ["_id"] = c.Id,
            ["Number"] = c.Number,
            ["FiscalYear"] = c.FiscalYear,
            ["Sequence"] = c.Sequence,
            ["CategoryId"] = c.CategoryId,
            ["Department"] = c.Department,
            ["Channel"] = c.Channel.ToString(),
            ["Description"] = c.Description,
            ["Photos"] = new BsonArray(c.Photos.Select(p => new BsonDocument
            {
                ["Id"] = p.Id, ["ContentType"] = p.ContentType, ["Width"] = p.Width, ["Height"] = p.Height, ["Bytes"] = p.Bytes,
            })),
            ["Location"] = c.Location is { } l
                ? new BsonDocument { ["Lat"] = Nullable(l.Latitude), ["Lng"] = Nullable(l.Longitude), ["Address"] = l.Address, ["Text"] = l.Text }
                : BsonValue.Null,
            ["CitizenLineUserId"] = c.CitizenLineUserId,
            ["ContactConsent"] = c.ContactConsent,
            ["ContactName"] = c.ContactName,
            ["ContactPhone"] = c.ContactPhone,
            ["Status"] = c.Status.ToString(),
            ["AssigneeId"] = c.AssigneeId,
            ["CreatedAt"] = c.CreatedAt,
            ["AcknowledgeBy"] = c.AcknowledgeBy,
            ["AnswerBy"] = c.AnswerBy,
            ["AcknowledgedAt"] = Nullable(c.AcknowledgedAt),
            ["ClosedAt"] = Nullable(c.ClosedAt),
            ["Rating"] = c.Rating is { } r ? new BsonDocument { ["Score"] = r.Score, ["Comment"] = r.Comment, ["At"] = r.At } : BsonValue.Null,
            ["Timeline"] = new BsonArray(c.Timeline.Select(e => new BsonDocument
            {
                ["At"] = e.At,
                ["Kind"] = e.Kind.ToString(),
                ["Actor"] = e.Actor,
                ["From"] = e.From?.ToString(),
                ["To"] = e.To?.ToString(),
                ["Note"] = e.Note,
            })),
            ["Version"] = c.Version,
            ["OpenDue"] = Nullable(c.OpenDue()),
            ["KStatus"] = c.Status + tail,
            ["KDepartment"] = c.Department + tail,
            ["KCategory"] = c.CategoryId + tail,
            ["KChannel"] = c.Channel + tail,
            ["KAssignee"] = c.AssigneeId is null ? BsonValue.Null : c.AssigneeId + tail,
            ["KDepartmentStatus"] = c.Department + "|" + c.Status + tail,
            ["KOpen"] = c.Status.IsClosed() ? BsonValue.Null : "open" + tail,
        };
    }

    public static CaseRecord FromBson(BsonDocument d) => new()
    {
        Id = d["_id"].AsString,
        Number = d["Number"].AsString,
        FiscalYear = d["FiscalYear"].AsInt32,
        Sequence = d["Sequence"].AsInt32,
        CategoryId = d["CategoryId"].AsString,
        Department = d["Department"].AsString,
        Channel = Enum.Parse<CaseChannel>(d["Channel"].AsString),
        Description = d["Description"].AsString,
        Photos = [.. d["Photos"].AsArray.Select(p => new CasePhoto(
            p["Id"].AsString, p["ContentType"].AsString, p["Width"].AsInt32, p["Height"].AsInt32, p["Bytes"].AsInt64))],
        Location = d["Location"].IsDocument
            ? new CaseLocation(NullableDouble(d["Location"]["Lat"]), NullableDouble(d["Location"]["Lng"]),
                NullableString(d["Location"]["Address"]), NullableString(d["Location"]["Text"]))
            : null,
        CitizenLineUserId = NullableString(d["CitizenLineUserId"]),
        ContactConsent = d["ContactConsent"].AsBoolean,
        ContactName = NullableString(d["ContactName"]),
        ContactPhone = NullableString(d["ContactPhone"]),
        Status = Enum.Parse<CaseStatus>(d["Status"].AsString),
        AssigneeId = NullableString(d["AssigneeId"]),
        CreatedAt = Utc(d["CreatedAt"]),
        AcknowledgeBy = Utc(d["AcknowledgeBy"]),
        AnswerBy = Utc(d["AnswerBy"]),
        AcknowledgedAt = NullableUtc(d["AcknowledgedAt"]),
        ClosedAt = NullableUtc(d["ClosedAt"]),
        Rating = d["Rating"].IsDocument
            ? new CaseRating(d["Rating"]["Score"].AsInt32, NullableString(d["Rating"]["Comment"]), Utc(d["Rating"]["At"]))
            : null,
        Timeline = [.. d["Timeline"].AsArray.Select(e => new CaseEvent(
            Utc(e["At"]), Enum.Parse<CaseEventKind>(e["Kind"].AsString), e["Actor"].AsString,
            e["From"].IsNull ? null : Enum.Parse<CaseStatus>(e["From"].AsString),
            e["To"].IsNull ? null : Enum.Parse<CaseStatus>(e["To"].AsString),
            NullableString(e["Note"])))],
        Version = d["Version"].AsInt32,
    };

    private static BsonValue Nullable(double? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static BsonValue Nullable(DateTime? value) => value is { } v ? new BsonValue(v) : BsonValue.Null;

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    private static double? NullableDouble(BsonValue value) => value.IsNull ? null : value.AsDouble;

    private static DateTime Utc(BsonValue value) => DateTime.SpecifyKind(value.AsDateTime.ToUniversalTime(), DateTimeKind.Utc);

    private static DateTime? NullableUtc(BsonValue value) => value.IsNull ? null : Utc(value);
}
