namespace ItaBot.Content;

/// <summary>
/// The agency's content pack: everything the bot says about the agency, read from <c>content/*.yaml</c>.
/// Immutable once loaded; <see cref="ContentPackProvider"/> swaps whole packs.
/// </summary>
internal sealed record ContentPack(
    Agency Agency,
    IReadOnlyList<Executive> Executives,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<PowerGroup> Powers,
    IReadOnlyList<Service> Services,
    IReadOnlyList<FaqEntry> Faq,
    IReadOnlyList<NewsItem> News,
    IReadOnlyList<ComplaintCategory> ComplaintCategories,
    IReadOnlyList<Measure> Measures,
    PrivacyNotice? Privacy = null)
{
    private readonly Dictionary<string, Service> _services = Services.ToDictionary(s => s.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, FaqEntry> _faq = Faq.ToDictionary(f => f.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, Unit> _units = Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, ComplaintCategory> _categories =
        ComplaintCategories.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public Service? FindService(string id) => _services.GetValueOrDefault(id);

    public FaqEntry? FindFaq(string id) => _faq.GetValueOrDefault(id);

    public Unit? FindUnit(string id) => _units.GetValueOrDefault(id);

    public ComplaintCategory? FindComplaintCategory(string id) => _categories.GetValueOrDefault(id);
}

/// <summary>agency.yaml: who the agency is and how to reach it (measure 4.4).</summary>
internal sealed record Agency(
    string Name,
    string ShortName,
    bool Sample,
    Address Address,
    IReadOnlyList<Phone> Phones,
    string? Fax,
    string Email,
    OfficeHours OfficeHours,
    GeoLocation Location,
    Uri Website,
    Uri? Facebook,
    string LineOaId,
    string FiscalYearNote,
    IntegrityUnit IntegrityUnit);

internal sealed record Address(string Line, string Subdistrict, string District, string Province, string PostalCode)
{
    /// <summary>One line, the way it goes on an envelope or a LINE location message.</summary>
    public string Full => $"{Line} ตำบล{Subdistrict} อำเภอ{District} จังหวัด{Province} {PostalCode}";
}

internal sealed record Phone(string Label, string Number);

/// <summary>Office hours; times are local (Asia/Bangkok), lunch optional.</summary>
internal sealed record OfficeHours(
    IReadOnlyList<DayOfWeek> Days,
    string DaysText,
    TimeOnly Open,
    TimeOnly Close,
    TimeOnly? LunchStart,
    TimeOnly? LunchEnd,
    string? Note);

internal sealed record GeoLocation(double Latitude, double Longitude);

/// <summary>The unit that receives corruption and misconduct complaints (measure 8.1).</summary>
internal sealed record IntegrityUnit(string Name, string Phone, string? Email, string? Note);

/// <summary>executives.yaml: political and permanent executives (measure 4.2).</summary>
internal sealed record Executive(
    string Id,
    string Name,
    string Position,
    ExecutiveGroup Group,
    Uri PhotoUrl,
    string? Phone,
    string? Email);

internal enum ExecutiveGroup
{
    /// <summary>ฝ่ายบริหาร: the mayor, deputies, secretaries and advisers.</summary>
    Executive,

    /// <summary>ฝ่ายสภา: the council chair, vice chair and members.</summary>
    Council,

    /// <summary>ฝ่ายประจำ: the municipal clerk (ปลัด) and heads of units.</summary>
    Staff,
}

/// <summary>structure.yaml: an office or division (สำนัก/กอง) with its head and duties (measure 4.1).</summary>
internal sealed record Unit(
    string Id,
    string Name,
    string Head,
    string HeadPosition,
    string Phone,
    string? Extension,
    string? Email,
    IReadOnlyList<string> Duties);

/// <summary>powers.yaml: a group of powers and duties under one law (measure 4.3).</summary>
internal sealed record PowerGroup(string Id, string Title, string Law, IReadOnlyList<string> Items);

/// <summary>
/// services.yaml: one entry of the citizen's service manual with the six fields measure 3.1 names:
/// name, steps with time per step, channels, fee, documents and related laws.
/// </summary>
internal sealed record Service(
    string Id,
    string Name,
    IReadOnlyList<string> AlternativeNames,
    string UnitId,
    string? Description,
    IReadOnlyList<ServiceStep> Steps,
    string TotalTime,
    IReadOnlyList<ServiceChannel> Channels,
    ServiceFee Fee,
    IReadOnlyList<string> Documents,
    IReadOnlyList<string> Laws,
    IReadOnlyList<string> Tags,
    string? Note);

internal sealed record ServiceStep(string Description, string Time);

internal sealed record ServiceChannel(ChannelKind Kind, string Detail);

internal enum ChannelKind
{
    /// <summary>At the office: the place and the unit that serves.</summary>
    Office,
    OneStopService,
    EService,
    Line,
    Phone,
    Website,
}

/// <summary>
/// A fee: either none (shown exactly as <see cref="NoFeeText"/>, as measure 3.1 asks) or one or more amounts in baht.
/// </summary>
internal sealed record ServiceFee(IReadOnlyList<FeeItem> Items)
{
    public const string NoFeeText = "ไม่มีค่าธรรมเนียม";

    public static readonly ServiceFee None = new([]);

    public bool IsFree => Items.Count == 0;

    public override string ToString() =>
        IsFree
            ? NoFeeText
            : string.Join(", ", Items.Select(i => $"{i.Baht.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)} บาท ({i.Covers})"));
}

internal sealed record FeeItem(decimal Baht, string Covers);

/// <summary>faq.yaml: a question, the ways citizens type it, and the answer.</summary>
internal sealed record FaqEntry(
    string Id,
    string Question,
    IReadOnlyList<string> Alternatives,
    string Answer,
    string? ServiceId,
    string? Template,
    IReadOnlyList<string> Related,
    IReadOnlyList<string> Tags);

/// <summary>news.yaml: a news item for the news carousel (measure 4.5).</summary>
internal sealed record NewsItem(string Id, string Title, DateOnly Date, string Summary, Uri ImageUrl, Uri Url);

/// <summary>complaint-categories.yaml: a general-complaint category, the unit it routes to, and its deadlines.</summary>
internal sealed record ComplaintCategory(
    string Id,
    string Name,
    string Department,
    int AcknowledgeWorkingDays,
    int AnswerWorkingDays,
    string? Service,
    string? Description,
    IReadOnlyList<string> Keywords);

/// <summary>
/// measures.yaml: a row of the agency's integrity-measure report (ลำดับ, มาตรการ, ขั้นตอน, ช่วงเวลา, ผู้รับผิดชอบ, ผลการดำเนินการ,
/// ผลลัพธ์). <see cref="Output"/> and <see cref="Outcome"/> are the agency's own sentences with figures as
/// <see cref="MeasureText.Placeholders"/>, filled from the period's statistics when the report is made.
/// </summary>
internal sealed record Measure(
    string Id,
    string Title,
    string Activity,
    IReadOnlyList<string> Steps,
    string Period,
    string Responsible,
    string? Output,
    string? Outcome);

/// <summary>The figures a measure's output and outcome may name, as "{name}"; a name not listed is a load error.</summary>
internal static partial class MeasureText
{
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.Ordinal)
    {
        "services_published", "faq_entries", "executives", "news",
        "eservice", "walkin", "served", "eservice_pct", "services_active",
        "questions", "answered_by_bot", "answered_by_bot_pct", "handed_over", "answered_by_staff",
        "complaints", "complaints_done", "complaints_done_pct", "complaints_in_progress", "answer_on_time_pct", "satisfaction", "rated",
        "corruption", "corruption_done", "corruption_in_progress", "corruption_online",
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"\{([^{}\s]*)\}")]
    public static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>Replaces every "{name}" with its value; the loader has made sure every name is known.</summary>
    public static string Fill(string text, Func<string, string> value) =>
        Placeholder().Replace(text, m => value(m.Groups[1].Value));
}
