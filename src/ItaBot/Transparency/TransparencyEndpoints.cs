using System.Security.Cryptography;
using System.Text;
using ItaBot.Content;
using ItaBot.Reports;
using ItaBot.Transparency.Pages;

namespace ItaBot.Transparency;

/// <summary>
/// /transparency: the published statistics, for anyone and the agency's website to link to. Reads stored snapshots
/// only (<see cref="IReportCompiler.Latest"/>), never the stores: a page shows exactly what was compiled, as of when.
/// </summary>
internal static class TransparencyEndpoints
{
    /// <summary>How many stored snapshots the index looks through for the periods it lists (newest compiles first).</summary>
    public const int IndexScanLimit = 2000;

    /// <summary>What the index lists per fiscal year: the year (to date while it runs), its first half and its quarters.</summary>
    private static readonly PeriodKind[] Listed = [PeriodKind.FiscalYear, PeriodKind.YearToDate, PeriodKind.HalfYear, PeriodKind.Quarter];

    public static void Map(IEndpointRouteBuilder app)
    {
        // HEAD too: link checkers and open-data portals probe with it (headers and length, no body).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        TransparencyPage.Style.Map(app);
        app.MapMethods(TransparencyPage.Path, methods, Index);
        app.MapMethods(TransparencyPage.Path + "/{slug}", methods, Report);
        app.MapMethods(TransparencyPage.Path + "/{slug}/{kind}", methods, Document);
    }

    private static IResult Index(HttpContext context, ContentPackProvider content)
    {
        var agency = content.Current.Agency.Name;
        var stored = Compiler(context)?.List(IndexScanLimit).Where(s => Listed.Contains(s.Period.Kind)).ToList() ?? [];
        var wholeYears = stored.Where(s => s.Period.Kind == PeriodKind.FiscalYear).Select(s => s.Period.FiscalYear).ToHashSet();
        // Per period its newest compile; a year to date only for a year not yet whole, and only its latest day.
        var latest = stored
            .Where(s => s.Period.Kind != PeriodKind.YearToDate || !wholeYears.Contains(s.Period.FiscalYear))
            .GroupBy(s => s.Period.Kind == PeriodKind.YearToDate ? "ytd-" + s.Period.FiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture) : s.Period.Slug, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(s => s.Period.To).ThenByDescending(s => s.CompiledAt).First())
            .ToList();
        var years = latest
            .GroupBy(s => s.Period.FiscalYear)
            .OrderByDescending(g => g.Key)
            .Select(year => new IndexYear(year.Key, [.. year.OrderBy(s => Array.IndexOf(Listed, s.Period.Kind)).ThenByDescending(s => s.Period.From)
                .Select(s => new IndexEntry($"{TransparencyPage.Href}/{Link(s.Period)}", PeriodName(s.Period), ReportView.AsOf(s.AsOf)))]))
            .ToList();
        return TransparencyPage.Page<TransparencyIndexPage, IndexModel>(new(agency, years), StatusCodes.Status200OK, TransparencyPage.PublicCache);
    }

    /// <summary>The index: per fiscal year (newest first) its published periods.</summary>
    internal sealed record IndexModel(string Brand, IReadOnlyList<IndexYear> Years);

    internal sealed record IndexYear(int Year, IReadOnlyList<IndexEntry> Entries);

    internal sealed record IndexEntry(string Href, string Name, string AsOf);

    /// <summary>The Thai 404 page: <see cref="Note"/> for a period not compiled yet, else <see cref="Message"/>.</summary>
    internal sealed record MissingModel(string Brand, string Title, string Heading, string? Message, string? Note = null);

    private static IResult Report(string slug, HttpContext context, ContentPackProvider content)
    {
        var agency = content.Current.Agency.Name;
        if (Find(context, slug, agency, out var snapshot) is { } missing)
        {
            return missing;
        }

        var downloads = Renderers(context)
            .Select(r => new DownloadLink(r.Title, $"{TransparencyPage.Href}/{snapshot.Period.Slug}/{r.Kind}"))
            .ToList();
        return TransparencyPage.Page<TransparencyReportPage, ReportView.Model>(new(snapshot, downloads, agency, Standalone: false), StatusCodes.Status200OK, TransparencyPage.PublicCache, ETag(snapshot.Id, "page", agency, content.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static IResult Document(string slug, string kind, HttpContext context, ContentPackProvider content)
    {
        var agency = content.Current.Agency.Name;
        var renderer = Renderers(context).FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
        if (renderer is null)
        {
            return NotFound(agency, "ไม่พบเอกสารที่ต้องการค่ะ");
        }

        if (Find(context, slug, agency, out var snapshot) is { } missing)
        {
            return missing;
        }

        var file = renderer.Render(snapshot);
        // JSON and HTML open in the browser; the rest (CSV, DOCX) download under their file names.
        var inline = file.ContentType.StartsWith("application/json", StringComparison.Ordinal) || file.ContentType.StartsWith("text/html", StringComparison.Ordinal);
        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        return TransparencyPage.File(file.Content, file.ContentType, TransparencyPage.PublicCache, ETag(snapshot.Id, renderer.Kind), disposition.ToString());
    }

    /// <summary>The snapshot for a slug, or the Thai 404 page: unknown period, or a period not compiled yet.</summary>
    private static IResult? Find(HttpContext context, string slug, string agency, out ReportSnapshot snapshot)
    {
        snapshot = null!;
        if (ReportPeriod.Parse(slug) is not { } period)
        {
            return NotFound(agency, "ไม่พบรายงานที่ต้องการค่ะ");
        }

        if ((Compiler(context)?.Latest(period.Slug) ?? YearToDate(context, period)) is not { } found)
        {
            return TransparencyPage.Page<TransparencyMissingPage, MissingModel>(
                new(agency, "ยังไม่มีรายงาน", PeriodName(period), null, "รายงาน" + period.ThaiTitle + " ยังไม่ได้รวบรวมข้อมูลค่ะ"),
                StatusCodes.Status404NotFound, "no-store");
        }

        snapshot = found;
        return null;
    }

    private static IResult NotFound(string agency, string message) => TransparencyPage.Page<TransparencyMissingPage, MissingModel>(
        new(agency, "ไม่พบหน้าที่ต้องการ", "ไม่พบหน้าที่ต้องการ", message), StatusCodes.Status404NotFound, "no-store");

    private static string PeriodName(ReportPeriod period) => "รายงาน" + period.ThaiTitle;

    /// <summary>The address of a period: a year to date is reached as its fiscal year (/transparency/fy2570).</summary>
    private static string Link(ReportPeriod period) =>
        period.Kind == PeriodKind.YearToDate ? ReportPeriod.ForFiscalYear(period.FiscalYear).Slug : period.Slug;

    /// <summary>For a fiscal year still running (no whole-year snapshot yet), its newest year-to-date snapshot.</summary>
    private static ReportSnapshot? YearToDate(HttpContext context, ReportPeriod period) =>
        period.Kind != PeriodKind.FiscalYear ? null
        : Compiler(context)?.List(IndexScanLimit)
            .Where(s => s.Period.Kind == PeriodKind.YearToDate && s.Period.FiscalYear == period.FiscalYear)
            .OrderByDescending(s => s.Period.To).ThenByDescending(s => s.CompiledAt).FirstOrDefault();

    /// <summary>The compiler, when the reports slice is registered (the pages say "not compiled yet" until it is).</summary>
    private static IReportCompiler? Compiler(HttpContext context) => context.RequestServices.GetService<IReportCompiler>();

    private static IEnumerable<IReportRenderer> Renderers(HttpContext context) =>
        context.RequestServices.GetServices<IReportRenderer>().Where(r => r.IsPublic).OrderBy(r => r.Kind, StringComparer.Ordinal);

    private static string ETag(params string[] parts) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))).AsSpan(0, 12)) + "\"";
}
