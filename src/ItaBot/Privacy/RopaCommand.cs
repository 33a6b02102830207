using System.Globalization;
using System.Text;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Content;
using ItaBot.Reports;
using ItaBot.Reports.Docx;
using ItaBot.Staff;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>One table of the record: a heading, columns with their widths, rows.</summary>
internal sealed record RopaSection(string Heading, IReadOnlyList<DocxColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note = null);

/// <summary>
/// <c>privacy ropa --out DIR [--from 2025-10-01 --to 2026-09-30]</c>: the record of processing activities (PDPA section 39)
/// as ropa.docx (the agency's letterhead, as the reports) and ropa.html, from the content pack's notice, the retention the
/// service applies, the records it holds now (counted in the store) and the requests received and refused in the period
/// (default: the fiscal year to date). Run with the service stopped, as <c>report</c>.
/// </summary>
internal sealed class RopaCommand(
    ContentPackProvider content,
    IServiceProvider services,
    DocxLetterhead letterhead,
    IOptions<PrivacyOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time) : ICliCommand
{
    public const string Title = "บันทึกรายการกิจกรรมการประมวลผลข้อมูลส่วนบุคคล";
    public const string Usage = "usage: privacy ropa --out DIR [--from yyyy-MM-dd --to yyyy-MM-dd]";

    public IReadOnlyList<string> Words => ["privacy", "ropa"];

    public string Description => "privacy ropa --out DIR: the record of processing activities (PDPA section 39), DOCX and HTML";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        string? Arg(string name) => arguments.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var directory = Arg("--out");
        var today = WorkingCalendar.BangkokDate(time.GetUtcNow().UtcDateTime);
        var from = Arg("--from") is { } f && DateOnly.TryParseExact(f, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fd) ? fd
            : ReportPeriod.ForFiscalYear(ReportPeriod.FiscalYearOf(today)).From;
        var to = Arg("--to") is { } t && DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var td) ? td : today;
        if (string.IsNullOrWhiteSpace(directory) || to < from || (Arg("--from") is not null && from == default))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        if (content.Current.Privacy is null)
        {
            await output.WriteLineAsync("content/privacy.yaml is missing: the record needs the agency's notice.").ConfigureAwait(false);
            return 1;
        }

        Directory.CreateDirectory(directory);
        var sections = Sections(from, to);
        var period = $"ระหว่างวันที่ {ThaiDates.Long(from)} ถึงวันที่ {ThaiDates.Long(to)}";
        var docx = Path.Combine(directory, "ropa.docx");
        var html = Path.Combine(directory, "ropa.html");
        await File.WriteAllBytesAsync(docx, Docx(sections, period), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(html, Html(sections, period), Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"{docx}\n{html}").ConfigureAwait(false);
        return 0;
    }

    public IReadOnlyList<RopaSection> Sections(DateOnly from, DateOnly to)
    {
        var pack = content.Current;
        var notice = pack.Privacy!;
        var applied = PrivacyExtensions.RetentionDays(options.Value, storage.Value);
        // Read-only counts of what the stores hold now (resolved when run: listing commands opens no store): the record says what
        // is really kept, not what was planned.
        var inbox = services.GetRequiredService<Webhook.IInboxStore>();
        var messages = Enum.GetValues<Webhook.InboxState>().Sum(inbox.CountStored);
        var conversations = services.GetRequiredService<Conversations.IConversationStateStore>().Count();
        var census = services.GetRequiredService<ICaseStore>().Census();
        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), WorkingCalendar.Bangkok);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.Bangkok);
        var received = services.GetRequiredService<PrivacyRequests>().ListBetween(fromUtc, toUtc);
        var qa = services.GetRequiredService<QandA.IQaStore>().Count();
        var privacy = services.GetRequiredService<IPrivacyStore>().Count();
        string N(int n) => ThaiFigures.Count(n);
        string Kept(string kind) => PrivacyPage.Days(applied[kind]);

        return
        [
            new("1. ผู้ควบคุมข้อมูลส่วนบุคคลและเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล",
                [new DocxColumn("รายการ", 3), new DocxColumn("รายละเอียด", 7)],
                [
                    ["ผู้ควบคุมข้อมูล", $"{notice.Controller} {pack.Agency.Address.Full} โทร {(pack.Agency.Phones.Count > 0 ? pack.Agency.Phones[0].Number : "")} อีเมล {pack.Agency.Email}"],
                    ["เจ้าหน้าที่คุ้มครองข้อมูล (DPO)", $"{notice.Dpo.Name} โทร {notice.Dpo.Phone} อีเมล {notice.Dpo.Email}"],
                    ["ประกาศความเป็นส่วนตัว", $"ฉบับที่ {notice.Version} มีผล {ThaiDates.Long(notice.Effective)} เผยแพร่ที่ {new Uri(options.Value.PublicBaseUrl, PrivacyLink.Path)}"],
                ]),
            new("2. ข้อมูลที่ประมวลผล วัตถุประสงค์ และฐานทางกฎหมาย",
                [new DocxColumn("ข้อมูล", 4), new DocxColumn("วัตถุประสงค์", 4), new DocxColumn("ฐานทางกฎหมาย", 4)],
                [.. notice.Purposes.Select(p => (IReadOnlyList<string>)[p.Data, p.Purpose, p.Basis])]),
            new("3. ข้อมูลที่ระบบเก็บอยู่จริง และระยะเวลาเก็บ",
                [new DocxColumn("ชุดข้อมูล", 3), new DocxColumn("ข้อมูลส่วนบุคคลในชุด", 4), new DocxColumn("จำนวน ณ วันที่จัดทำ", 2, Centered: true), new DocxColumn("เก็บ", 2, Centered: true)],
                [
                    ["ข้อความในแชทและสถานะการสนทนา", "รหัสผู้ใช้ LINE ข้อความที่พิมพ์", $"{N(messages)} ข้อความ / {N(conversations)} การสนทนา", Kept("conversations")],
                    ["เรื่องร้องเรียนทั่วไป", "ชื่อ เบอร์โทร รหัสผู้ใช้ LINE รายละเอียด สถานที่", $"{N(census.Cases)} เรื่อง (ยังมีข้อมูลส่วนบุคคล {N(census.WithPersonalData)})", Kept("cases") + " หลังปิดเรื่อง"],
                    ["รูปถ่ายประกอบเรื่อง", "ภาพ (ลบข้อมูลแฝงแล้ว)", $"{N(census.Photos)} รูป", Kept("photos") + " หลังปิดเรื่อง"],
                    ["บันทึกคำถามถามตอบ", "ข้อความคำถาม", $"{N(qa.LogLines)} รายการ", Kept("qa_log")],
                    ["คำถามที่ส่งต่อเจ้าหน้าที่", "คำถาม คำตอบ รหัสผู้ใช้ LINE", $"{N(qa.Handovers)} รายการ", Kept("handovers")],
                    ["การแจ้งเตือนทาง LINE", "ผู้รับ ข้อความ", $"{N(services.GetRequiredService<Notifications.INotificationStore>().CountByState().Values.Sum())} รายการ", Kept("notifications")],
                    ["บัญชีเจ้าหน้าที่", "ชื่อ ชื่อผู้ใช้ รหัสผู้ใช้ LINE ที่เชื่อมไว้", $"{N(services.GetRequiredService<IStaffStore>().List().Count)} บัญชี", "ตลอดที่ปฏิบัติงาน"],
                    ["บันทึกการเข้าดูข้อมูลของเจ้าหน้าที่", "ชื่อเจ้าหน้าที่ สิ่งที่เปิดดู", $"{N(privacy.AccessRecords)} รายการ", Kept("staff_audit")],
                    ["คำขอใช้สิทธิของเจ้าของข้อมูล", "ชื่อ เบอร์โทร หรือรหัสผู้ใช้ LINE", $"{N(privacy.Requests)} คำขอ", Kept("privacy_requests") + " หลังพิจารณา"],
                    ["เบาะแสการทุจริต (เก็บแยกในระบบเข้ารหัส)", "เนื้อหาเข้ารหัสรายเรื่อง ตัวตนผู้แจ้งเฉพาะเมื่อยินยอม ไม่มีรหัสผู้ใช้ LINE", "ดูทะเบียนของศูนย์ฯ", "ตามวันครบกำหนดรายเรื่อง"],
                ],
                "นับจากฐานข้อมูลของระบบ ณ วันที่จัดทำ ตัวเลขสถิติที่รายงาน ITA ไม่มีข้อมูลที่ระบุตัวบุคคล"),
            new("4. ผู้รับข้อมูล", [new DocxColumn("ผู้รับ", 10)], [.. notice.Recipients.Select(r => (IReadOnlyList<string>)[r])]),
            new("5. มาตรการรักษาความมั่นคงปลอดภัย", [new DocxColumn("มาตรการ", 10)], [.. notice.Security.Select(s => (IReadOnlyList<string>)[s])]),
            new("6. คำขอใช้สิทธิของเจ้าของข้อมูลในช่วงเวลานี้",
                [new DocxColumn("คำขอ", 4), new DocxColumn("รับ", 2, Centered: true), new DocxColumn("ดำเนินการแล้ว", 2, Centered: true), new DocxColumn("ปฏิเสธ", 2, Centered: true), new DocxColumn("รอพิจารณา", 2, Centered: true)],
                [.. Enum.GetValues<PrivacyRequestKind>().Select(k => (IReadOnlyList<string>)[k.Thai(), N(received.Count(r => r.Kind == k)),
                    N(received.Count(r => r.Kind == k && r.Status == PrivacyRequestStatus.Completed)), N(received.Count(r => r.Kind == k && r.Status == PrivacyRequestStatus.Refused)),
                    N(received.Count(r => r.Kind == k && r.Status == PrivacyRequestStatus.Pending))])]),
            new("7. คำขอที่ปฏิเสธและเหตุผล",
                [new DocxColumn("เลขที่", 3), new DocxColumn("คำขอ", 3), new DocxColumn("เหตุผลทางกฎหมาย", 6)],
                [.. received.Where(r => r.Status == PrivacyRequestStatus.Refused).Select(r => (IReadOnlyList<string>)[r.Number, r.Kind.Thai(), r.Reason ?? ""])],
                received.Any(r => r.Status == PrivacyRequestStatus.Refused) ? null : "ไม่มีคำขอที่ปฏิเสธในช่วงเวลานี้"),
        ];
    }

    private byte[] Docx(IReadOnlyList<RopaSection> sections, string period)
    {
        using var writer = letterhead.Begin(landscape: false);
        writer.Centered(content.Current.Agency.Name, bold: true);
        writer.Centered(letterhead.Locality);
        writer.Centered(Title, bold: true, sizePt: letterhead.Options.FontSizePt + 2);
        writer.Centered("(พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 มาตรา 39)");
        writer.Centered(period, keepNext: false);
        foreach (var section in sections)
        {
            writer.Heading(section.Heading);
            if (section.Rows.Count > 0)
            {
                writer.Table(section.Columns, section.Rows, rowsMaySplit: true);
            }

            if (section.Note is { } note)
            {
                writer.Text(note);
            }
        }

        writer.Signature(letterhead.Options.SignerName, letterhead.Options.SignerPosition);
        return writer.Finish("ropa.docx", Title, time.GetUtcNow().UtcDateTime).Content;
    }

    private string Html(IReadOnlyList<RopaSection> sections, string period)
    {
        var body = Shared.Html.Join(sections.Select(s => Shared.Html.Of($"""
            <h2>{s.Heading}</h2>
            {(s.Rows.Count == 0 ? Shared.Html.Empty : Shared.Html.Of($"<table><thead><tr>{Shared.Html.Join(s.Columns.Select(c => Shared.Html.Of($"<th>{c.Header}</th>")))}</tr></thead><tbody>{Shared.Html.Join(s.Rows.Select(r => Shared.Html.Of($"<tr>{Shared.Html.Join(r.Select(v => Shared.Html.Of($"<td>{v}</td>")))}</tr>")))}</tbody></table>"))}
            {(s.Note is { } n ? Shared.Html.Of($"<p>{n}</p>") : Shared.Html.Empty)}
            """)));
        return Shared.Html.Of($"""
            <!doctype html>
            <html lang="th"><head><meta charset="utf-8"><title>{Title}</title>
            <style>body{"{"}font:16px/1.5 "TH Sarabun New","Sarabun",sans-serif;max-width:60rem;margin:2rem auto{"}"}table{"{"}border-collapse:collapse;width:100%{"}"}th,td{"{"}border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left{"}"}h1,p.c{"{"}text-align:center{"}"}</style></head>
            <body><p class="c"><strong>{content.Current.Agency.Name}</strong><br>{letterhead.Locality}</p><h1>{Title}</h1><p class="c">(พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 มาตรา 39)<br>{period}</p>
            {body}
            </body></html>
            """).Value;
    }
}
