using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.QandA;

namespace ItaBot.Privacy;

/// <summary>
/// Everything the general-complaint side holds about one person: their cases (without staff-only notes), the questions
/// they handed to staff, and their privacy requests. The chat summary, the machine-readable copy (PDPA sections 30–31)
/// and the staff page's view all come from this one gathering.
/// </summary>
internal sealed record CitizenData(
    IReadOnlyList<CaseRecord> Cases,
    IReadOnlyList<Handover> Handovers,
    IReadOnlyList<PrivacyRequest> Requests,
    DateTime GeneratedAt)
{
    public bool IsEmpty => Cases.Count == 0 && Handovers.Count == 0;

    /// <summary>A few lines for the chat: what is kept, with numbers the citizen recognises; <paramref name="chatDays"/> is how long chat messages are kept (ItaBot:Storage:RetentionDays).</summary>
    public string Summary(int chatDays)
    {
        var text = new StringBuilder("ข้อมูลของท่านที่เทศบาลเก็บไว้ค่ะ\n");
        if (IsEmpty)
        {
            text.Append("• ไม่มีเรื่องร้องเรียนหรือคำถามที่ส่งต่อเจ้าหน้าที่\n");
        }

        if (Cases.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"• เรื่องร้องเรียน {Cases.Count} เรื่อง: {string.Join(", ", Cases.Take(5).Select(c => c.Number))}{(Cases.Count > 5 ? " …" : "")}\n");
            if (Cases.FirstOrDefault(c => c.ContactPhone is not null) is { ContactPhone: { } phone })
            {
                text.Append(CultureInfo.InvariantCulture, $"• เบอร์โทรที่ให้ไว้: {Mask(phone)}\n");
            }

            var photos = Cases.Sum(c => c.Photos.Count);
            if (photos > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"• รูปถ่าย {photos} รูป\n");
            }
        }

        if (Handovers.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"• คำถามที่ส่งต่อเจ้าหน้าที่ {Handovers.Count} รายการ\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"• ข้อความในแชทล่าสุด (เก็บ {PrivacyPage.Days(chatDays)})\n");
        return text.ToString().TrimEnd();
    }

    public string ToJson()
    {
        var root = new JsonObject
        {
            ["generatedAt"] = GeneratedAt,
            ["cases"] = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
            {
                ["number"] = c.Number,
                ["category"] = c.CategoryId,
                ["channel"] = c.Channel.ToString(),
                ["status"] = c.Status.ToString(),
                ["createdAt"] = c.CreatedAt,
                ["closedAt"] = c.ClosedAt,
                ["description"] = c.Description,
                ["place"] = c.Location is { } l ? new JsonObject { ["latitude"] = l.Latitude, ["longitude"] = l.Longitude, ["address"] = l.Address, ["text"] = l.Text } : null,
                ["photos"] = c.Photos.Count,
                ["contactName"] = c.ContactName,
                ["contactPhone"] = c.ContactPhone,
                ["contactConsent"] = c.ContactConsent,
                ["rating"] = c.Rating is { } r ? new JsonObject { ["score"] = r.Score, ["comment"] = r.Comment } : null,
                ["timeline"] = new JsonArray([.. CitizenTimeline(c).Select(e => (JsonNode)new JsonObject
                {
                    ["at"] = e.At, ["kind"] = e.Kind.ToString(), ["status"] = e.To?.ToString(), ["text"] = e.Kind is CaseEventKind.StatusChanged ? null : e.Note,
                })]),
            })]),
            ["handovers"] = new JsonArray([.. Handovers.Select(h => (JsonNode)new JsonObject
            {
                ["askedAt"] = h.CreatedAt, ["question"] = h.Question, ["status"] = h.Status.ToString(), ["answer"] = h.StaffAnswer, ["answeredAt"] = h.AnsweredAt,
            })]),
            ["privacyRequests"] = new JsonArray([.. Requests.Select(r => (JsonNode)new JsonObject
            {
                ["number"] = r.Number, ["kind"] = r.Kind.ToString(), ["status"] = r.Status.ToString(), ["receivedAt"] = r.ReceivedAt, ["decidedAt"] = r.DecidedAt, ["reason"] = r.Reason,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>One row per item (UTF-8 with BOM so Excel shows Thai): record, reference, time, status, text.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder("\uFEFFrecord,reference,at,status,text\r\n");
        void Row(string record, string reference, DateTime? at, string? status, string? text) =>
            csv.Append(string.Join(',', new[] { record, reference, at?.ToString("o", CultureInfo.InvariantCulture), status, text }.Select(Quote))).Append("\r\n");
        foreach (var c in Cases)
        {
            Row("case", c.Number, c.CreatedAt, c.Status.ToString(), c.Description);
            Row("case.place", c.Number, null, null, c.Location is { } l ? l.Text ?? l.Address ?? string.Create(CultureInfo.InvariantCulture, $"{l.Latitude},{l.Longitude}") : null);
            Row("case.contact", c.Number, null, null, string.Join(' ', new[] { c.ContactName, c.ContactPhone }.OfType<string>()));
            foreach (var e in CitizenTimeline(c))
            {
                Row("case.timeline", c.Number, e.At, e.To?.ToString() ?? e.Kind.ToString(), e.Kind is CaseEventKind.StatusChanged ? null : e.Note);
            }
        }

        foreach (var h in Handovers)
        {
            Row("handover", h.Id, h.CreatedAt, h.Status.ToString(), h.Question);
            Row("handover.answer", h.Id, h.AnsweredAt, null, h.StaffAnswer);
        }

        foreach (var r in Requests)
        {
            Row("privacy_request", r.Number, r.ReceivedAt, r.Status.ToString(), r.Kind + (r.Reason is null ? "" : ": " + r.Reason));
        }

        return csv.ToString();
    }

    /// <summary>data.json and data.csv in one zip: one download for a one-time link.</summary>
    public byte[] ToZip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in (ReadOnlySpan<(string, string)>)[("data.json", ToJson()), ("data.csv", ToCsv())])
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>What the citizen saw or did: never internal notes or assignments (staff names).</summary>
    private static IEnumerable<CaseEvent> CitizenTimeline(CaseRecord c) =>
        c.Timeline.Where(e => e.Kind is CaseEventKind.Created or CaseEventKind.StatusChanged or CaseEventKind.AnswerToCitizen or CaseEventKind.CitizenFollowUp or CaseEventKind.Rated);

    private static string Mask(string phone) => phone.Length > 4 ? new string('x', phone.Length - 4) + phone[^4..] : phone;

    private static string Quote(string? value) =>
        value is null ? string.Empty : value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
