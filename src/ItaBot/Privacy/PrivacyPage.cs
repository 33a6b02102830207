using System.Globalization;
using ItaBot.Content;
using ItaBot.Staff;
using ItaBot.Whistleblowing;

namespace ItaBot.Privacy;

/// <summary>
/// /privacy: the agency's privacy notice (PDPA section 23) in plain HTML, with the same strict headers as /report (no
/// script, no cookie, nothing from elsewhere, no-store); the retention periods come from what the service really does.
/// </summary>
internal static class PrivacyPage
{
    public static IResult Render(ContentPack pack, IReadOnlyDictionary<string, int> retentionDays)
    {
        var notice = pack.Privacy;
        var body = notice is null
            ? Html.Of($"<p>เทศบาลยังไม่ได้เผยแพร่ประกาศความเป็นส่วนตัว กรุณาติดต่อสำนักงานเทศบาลค่ะ</p>")
            : Body(pack.Agency, notice, retentionDays);
        return ReportPage.Render("ประกาศความเป็นส่วนตัว", body, header: Html.Of($"""<header><span class="brand">{pack.Agency.Name}</span><nav><a href="/report">แจ้งเบาะแสการทุจริต</a></nav></header>"""));
    }

    private static Html Body(Agency agency, PrivacyNotice n, IReadOnlyDictionary<string, int> retentionDays)
    {
        var purposes = Html.Join(n.Purposes.Select(p => Html.Of($"<tr><td>{p.Data}</td><td>{p.Purpose}</td><td>{p.Basis}</td></tr>")));
        var retention = Html.Join(n.Retention.Select(r => Html.Of(
            $"<tr><td>{r.Text}</td><td>{Days(retentionDays.TryGetValue(r.Kind, out var days) ? days : r.Days)}</td></tr>")));
        var recipients = Html.Join(n.Recipients.Select(r => Html.Of($"<li>{r}</li>")));
        var rights = Html.Join(n.Rights.Select(r => Html.Of($"<li><strong>{r.Name}</strong> ({r.Section}): {r.How}</li>")));
        var security = Html.Join(n.Security.Select(s => Html.Of($"<li>{s}</li>")));
        return Html.Of($"""
            <p class="hint">ฉบับที่ {n.Version} มีผลตั้งแต่วันที่ {ThaiDate(n.Effective)}</p>
            <section class="box"><p>{n.Summary}</p>
            <p>ผู้ควบคุมข้อมูลส่วนบุคคล: {n.Controller} {agency.Address.Full}</p></section>
            <h2>ข้อมูลที่เก็บ วัตถุประสงค์ และฐานทางกฎหมาย</h2>
            <table><thead><tr><th>ข้อมูล</th><th>ใช้เพื่อ</th><th>ฐานทางกฎหมาย</th></tr></thead><tbody>{purposes}</tbody></table>
            <h2>ระยะเวลาเก็บ</h2>
            <table><thead><tr><th>ข้อมูล</th><th>เก็บไว้</th></tr></thead><tbody>{retention}</tbody></table>
            <h2>ผู้รับข้อมูล</h2>
            <ul>{recipients}</ul>
            <h2>สิทธิของท่านและวิธีใช้สิทธิ</h2>
            <ul>{rights}</ul>
            <p>{n.Refusals}</p>
            <h2>ผู้แจ้งเบาะแสการทุจริต</h2>
            <p>{n.Whistleblowers}</p>
            <h2>การรักษาความปลอดภัย</h2>
            <ul>{security}</ul>
            <h2>ติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล</h2>
            <section class="box"><p>{n.Dpo.Name}<br>โทร {n.Dpo.Phone} · อีเมล {n.Dpo.Email}{(n.Dpo.Address is { } a ? Html.Of($"<br>{a}") : Html.Empty)}</p></section>
            """);
    }

    /// <summary>"730 วัน (ประมาณ 2 ปี)": the figure the job uses, in words a citizen reads.</summary>
    public static string Days(int days) => days >= 365 && days % 365 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{days / 365} ปี")
        : string.Create(CultureInfo.InvariantCulture, $"{days} วัน");

    public static string ThaiDate(DateOnly date) => ThaiDates.Long(date);
}
