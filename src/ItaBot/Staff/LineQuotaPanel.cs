using ItaBot.LineChannel;
using System.Globalization;

namespace ItaBot.Staff;

/// <summary>
/// The quota on the admins' staff home page: figures, a warning from 80 % and while pushes are held, and a button that
/// reads the quota again at once (after buying more messages), which delivers what is held if there is room.
/// </summary>
internal sealed class LineQuotaPanel(LineQuota quota) : IStaffHomePanel
{
    public const string RecheckPath = "/staff/line-quota/recheck";

    public string Policy => StaffPolicies.Admin;

    public Html Render(HttpContext context)
    {
        var status = quota.Status;
        var th = CultureInfo.GetCultureInfo("th-TH");
        var figures = status switch
        {
            { Limit: { } limit, Used: { } used } => string.Format(th, "เดือนนี้ส่งไปแล้ว {0:N0} จาก {1:N0} ข้อความ ({2}%)", used, limit, status.Percent),
            { ReadAt: null } => "ยังอ่านโควตาจาก LINE ไม่ได้",
            { Used: { } used } => string.Format(th, "เดือนนี้ส่งไปแล้ว {0:N0} ข้อความ (แพ็กเกจไม่จำกัดจำนวน)", used),
            _ => "แพ็กเกจไม่จำกัดจำนวน",
        };
        var warning = status.PushesRefused
            ? StaffPage.Message(string.Format(th,
                "LINE ไม่รับข้อความแจ้งเตือน (push) แล้ว เพราะใช้โควตาของเดือนนี้ครบ มีข้อความรอส่ง {0:N0} รายการ ระบบจะส่งให้ครั้งเดียวทันทีที่โควตาเพิ่มขึ้นหรือขึ้นเดือนใหม่ การตอบกลับประชาชนทันทียังส่งได้ตามปกติค่ะ", status.Held))
            : status.Warning
                ? StaffPage.Message(string.Format(th, "ใช้โควตาข้อความแจ้งเตือนของเดือนนี้ไปแล้ว {0}% เมื่อครบ LINE จะไม่ส่งข้อความแจ้งเตือนจนถึงเดือนหน้าค่ะ", status.Percent), "note")
                : Html.Empty;
        return Html.Of($"""
            <section class="box" id="line-quota">
            <h2>โควตาข้อความ LINE</h2>
            {warning}
            <p>{figures}</p>
            <form method="post" action="{RecheckPath}">{StaffPage.Antiforgery(context)}
            <button class="secondary" type="submit">ตรวจสอบโควตาอีกครั้ง (หลังซื้อข้อความเพิ่ม)</button></form>
            </section>
            """);
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(RecheckPath, async (IFormCollection form, LineQuota quota, CancellationToken cancellationToken) =>
        {
            _ = form;   // bound so that the antiforgery token is checked
            await quota.RecheckAsync(cancellationToken).ConfigureAwait(false);
            return Results.Redirect("/staff#line-quota");
        }).RequireAuthorization(StaffPolicies.Admin);
}
