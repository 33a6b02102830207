using ItaBot.Staff;

namespace ItaBot.CasePages;

internal static class CasePagesExtensions
{
    /// <summary>The staff pages that work cases and Q&amp;A handovers; the staff home page links to them.</summary>
    public static void AddCasePages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new StaffLink("เรื่องร้องเรียน", CaseListEndpoints.Path, StaffPolicies.CaseWork, "รายการเรื่อง ค้นหา มอบหมาย และตอบผู้ร้อง"));
        builder.Services.AddSingleton(new StaffLink("บันทึกเรื่องร้องเรียน (ติดต่อด้วยตนเอง/โทรศัพท์/หนังสือ)", NewCaseEndpoints.Path, StaffPolicies.CaseWork));
        builder.Services.AddSingleton(new StaffLink("คำถามที่ส่งต่อเจ้าหน้าที่", HandoverEndpoints.Path, StaffPolicies.CaseWork, "คำถามใน LINE ที่บอทตอบไม่ได้"));
        builder.Services.AddSingleton<Conversations.IReplyRider, HandoverAnswerRider>();
    }

    /// <summary>
    /// /staff/cases…, /staff/handovers: admins and case officers only (reporters and integrity officers get 403); a
    /// case officer sees only the cases of their own department, and any other case is 404.
    /// </summary>
    public static void MapCasePages(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/staff").RequireAuthorization(StaffPolicies.CaseWork);
        CaseListEndpoints.Map(staff);
        NewCaseEndpoints.Map(staff);
        CaseEndpoints.Map(staff);
        HandoverEndpoints.Map(staff);
    }
}
