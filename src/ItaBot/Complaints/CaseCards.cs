using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs.Turns;
using ItaBot.Flex;

namespace ItaBot.Complaints;

/// <summary>
/// The citizen's view of their cases as cards (<c>flex-templates/case.json</c>, <c>case-list.json</c>). The card carries
/// its data, already worded for a Thai reader: staff-only timeline entries (internal notes, assignments) never appear.
/// </summary>
internal static class CaseCards
{
    public const string CaseTemplate = FlexTemplates.CaseCard;
    public const string CaseListTemplate = FlexTemplates.CaseList;
    public const string ViewPrefix = "cases=view&id=";
    public const string FollowUpPrefix = "cases=followup&id=";
    public const string MineData = "cases=mine";
    public const string RatePrefix = "cases=rate&id=";

    public static Reply Receipt(CaseRecord record, ContentPack pack, string text) => new()
    {
        Text = text,
        Card = new JsonObject { ["template"] = CaseTemplate, ["case"] = Model(record, pack) },
        Choices = [new Choice("เรื่องของฉัน", MineData), new Choice("เมนู", "menu=main")],
    };

    /// <param name="canRate">Whether the card offers its rating button (closed, unrated, within the rating window).</param>
    public static Reply Detail(CitizenCase c, bool canRate = false)
    {
        var record = c.Case;
        return new()
        {
            Text = $"เรื่องเลขที่ {record.Number}\nสถานะ: {record.Status.Thai()}\n{Holder(c)}{string.Join("\n", History(record).Select(h => $"• {h.At} {h.Text}"))}",
            Card = new JsonObject { ["template"] = CaseTemplate, ["case"] = Model(record, c.Pack, canRate, c.Holder?.Name) },
            Choices = [.. canRate ? [new Choice(ComplaintTexts.RateButton, RatePrefix + record.Id)] : Array.Empty<Choice>(), new Choice("เรื่องของฉัน", MineData), new Choice("เมนู", "menu=main")],
        };
    }

    /// <summary>Who has a case referred to another agency, for the text beside its card (empty for this agency's own).</summary>
    private static string Holder(CitizenCase c) =>
        c.Holder is not { } holder ? ""
        : c.Case.ReferredFrom is { } origin ? ComplaintTexts.HeldBy(holder.Name, origin.Number) + "\n"
        : ComplaintTexts.HeldBy(holder.Name, null) + "\n";

    public static Reply List(IReadOnlyList<CitizenCase> cases, int total) => new()
    {
        Text = ComplaintTexts.MyCasesIntro(total, cases.Count) + "\n"
            + string.Join("\n", cases.Select(c => $"• {c.Case.Number} {c.Case.Status.Thai()} ({Category(c)})")),
        Card = new JsonObject
        {
            ["template"] = CaseListTemplate,
            ["cases"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
            {
                ["number"] = c.Case.Number,
                ["status"] = c.Case.Status.Thai(),
                ["statusColor"] = StatusColor(c.Case.Status),
                ["category"] = Category(c),
                ["description"] = Descriptions.Preview(c.Case.Description, 120),
                ["created"] = ThaiTime.Date(c.Case.CreatedAt),
                ["postback"] = ViewPrefix + c.Case.Id,
            })]),
        },
        Choices = [.. cases.Take(10).Select(c => new Choice(c.Case.Number, ViewPrefix + c.Case.Id)), new Choice("เมนู", "menu=main")],
    };

    /// <summary>The category as the holder's pack names it; a case another agency has says which.</summary>
    private static string Category(CitizenCase c) =>
        c.Holder is { } holder ? $"{Category(c.Case, c.Pack)} · ดูแลโดย{holder.Name}" : Category(c.Case, c.Pack);

    /// <summary>The card's data for one case (the template contract of <c>case.json</c>); <paramref name="holder"/>: the agency that has it, when not this one.</summary>
    public static JsonObject Model(CaseRecord record, ContentPack pack, bool canRate = false, string? holder = null)
    {
        var map = Places.MapLink(record.Location);
        return new JsonObject
        {
            ["number"] = record.Number,
            ["status"] = record.Status.Thai(),
            ["statusColor"] = StatusColor(record.Status),
            ["category"] = Category(record, pack),
            ["department"] = (pack.FindUnit(record.Department)?.Name ?? record.Department) + (holder is null ? "" : " " + holder),
            ["description"] = Descriptions.Preview(record.Description, 400),
            ["place"] = Descriptions.Preview(Places.Describe(record.Location), 150),
            ["created"] = ThaiTime.DateAndTime(record.CreatedAt),
            ["deadline"] = record.Status.IsClosed() ? "" : ThaiTime.Deadline(record.AnswerBy),
            ["photoText"] = record.Photos.Count == 0 ? "" : $"รูปถ่าย {record.Photos.Count} รูป",
            ["hasMap"] = map is not null,
            ["mapUrl"] = map?.AbsoluteUri ?? "",
            ["canFollowUp"] = !record.Status.IsClosed(),
            ["followUpPostback"] = FollowUpPrefix + record.Id,
            ["canRate"] = canRate,
            ["ratePostback"] = RatePrefix + record.Id,
            ["history"] = new JsonArray([.. History(record).TakeLast(8).Select(h => (JsonNode)new JsonObject { ["at"] = h.At, ["text"] = h.Text })]),
        };
    }

    /// <summary>
    /// What the citizen may see of the timeline: filing, status changes, answers from staff, their own additions; a case
    /// received from another agency starts with its history there (up to the referral and its reason).
    /// </summary>
    public static IEnumerable<(string At, string Text)> History(CaseRecord record)
    {
        foreach (var entry in record.ReferredFrom is { } origin ? origin.History.Concat(record.Timeline) : record.Timeline)
        {
            var text = entry.Kind switch
            {
                CaseEventKind.Created => "รับเรื่องเข้าระบบ",
                // The status form's note is written to the citizen, whatever the status.
                CaseEventKind.StatusChanged when entry.To is { } to => string.IsNullOrWhiteSpace(entry.Note)
                    ? to.Thai()
                    : $"{to.Thai()}: {Descriptions.Preview(entry.Note!, 200)}",
                CaseEventKind.AnswerToCitizen when !string.IsNullOrWhiteSpace(entry.Note) => "เจ้าหน้าที่ตอบ: " + Descriptions.Preview(entry.Note!, 300),
                CaseEventKind.CitizenFollowUp => "ท่านส่งข้อมูลเพิ่มเติม",
                CaseEventKind.Rated => "ท่านให้คะแนนความพึงพอใจแล้ว",
                _ => null,
            };
            if (text is not null)
            {
                yield return (ThaiTime.DateAndTime(entry.At), text);
            }
        }
    }

    public static string StatusColor(CaseStatus status) => status switch
    {
        CaseStatus.Completed => "#1E7B45",
        CaseStatus.Rejected => "#B42318",
        CaseStatus.Referred => "#6B7280",
        _ => "#C8961E",
    };

    private static string Category(CaseRecord record, ContentPack pack) =>
        pack.FindComplaintCategory(record.CategoryId)?.Name ?? record.CategoryId;
}

/// <summary>Cases the Flex templates are checked with at start: the longest texts and fullest timelines a card may carry.</summary>
internal sealed class CaseCardSamples : IFlexSamples
{
    public IReadOnlyList<string> Templates { get; } = [CaseCards.CaseTemplate, CaseCards.CaseListTemplate];

    public IEnumerable<(string Template, IEnumerable<(string What, JsonObject Model)> Samples)> Samples(ContentPack pack)
    {
        yield return (CaseCards.CaseTemplate, Case(pack));
        yield return (CaseCards.CaseListTemplate, List(pack));
    }

    /// <summary>A case card as the renderer builds it: the case, and the agency from the pack.</summary>
    public static IEnumerable<(string What, JsonObject Model)> Case(ContentPack pack)
    {
        foreach (var record in Records(pack))
        {
            yield return ($"case '{record.Number}'", new JsonObject
            {
                ["case"] = CaseCards.Model(record, pack, canRate: record.Status.IsClosed()),
                ["agency"] = FlexCardModels.Contact(pack)["agency"]!.DeepClone(),
            });
        }
    }

    public static IEnumerable<(string What, JsonObject Model)> List(ContentPack pack)
    {
        var records = Records(pack).ToList();
        var twelve = Enumerable.Range(0, 12).Select(i => records[i % records.Count] with { Id = $"sample-{i}", Number = $"ร69-{i + 1:00000}" }).ToList();
        var card = (JsonObject)CaseCards.List([.. twelve.Select(r => new CitizenCase(r, null, pack))], 12).Card!;
        yield return ("twelve cases", new JsonObject { ["cases"] = card["cases"]!.DeepClone() });
    }

    private static IEnumerable<CaseRecord> Records(ContentPack pack)
    {
        var at = new DateTime(2026, 11, 27, 3, 0, 0, DateTimeKind.Utc);
        var category = pack.ComplaintCategories.Count > 0 ? pack.ComplaintCategories[0] : null;
        var longText = string.Concat(Enumerable.Repeat("ไฟถนนหน้าบ้านดับมาหลายวันแล้วค่ะ 🙏 มืดมาก เด็ก ๆ เดินกลับบ้านลำบาก ", 80));
        CaseRecord Make(CaseStatus status, int events) => new()
        {
            Id = "sample-" + status,
            Number = "ร69-00042",
            FiscalYear = 2569,
            Sequence = 42,
            CategoryId = category?.Id ?? "sample",
            Department = category?.Department ?? "sample",
            Channel = CaseChannel.Line,
            Description = longText,
            Photos = [new CasePhoto("p1", "image/jpeg", 2048, 1536, 400_000)],
            Location = new CaseLocation(15.9, 101.9, longText[..200], null),
            Status = status,
            CreatedAt = at,
            AcknowledgeBy = at.AddDays(1),
            AnswerBy = at.AddDays(15),
            Timeline = [.. Enumerable.Range(0, events).Select(i => new CaseEvent(at.AddHours(i), i == 0 ? CaseEventKind.Created : CaseEventKind.AnswerToCitizen, "staff", null, status, longText))],
        };

        yield return Make(CaseStatus.Received, 1);
        yield return Make(CaseStatus.InProgress, 12);
        yield return Make(CaseStatus.Completed, 12) with { Location = new CaseLocation(null, null, null, "หน้าโรงเรียน") };
    }
}
