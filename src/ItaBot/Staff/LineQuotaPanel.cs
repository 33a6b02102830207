using ItaBot.LineChannel;

namespace ItaBot.Staff;

/// <summary>The LINE quota section on the admins' staff home page (<see cref="Pages.LineQuotaSection"/>) and its "read again" button.</summary>
internal sealed class LineQuotaPanel : IStaffHomePanel
{
    public const string RecheckPath = "/staff/line-quota/recheck";

    public string Policy => StaffPolicies.Admin;

    public Type Component => typeof(Pages.LineQuotaSection);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(RecheckPath, async (IFormCollection form, LineQuota quota, CancellationToken cancellationToken) =>
        {
            _ = form;   // bound so that the antiforgery token is checked
            await quota.RecheckAsync(cancellationToken).ConfigureAwait(false);
            return Results.Redirect("/staff#line-quota");
        }).RequireAuthorization(StaffPolicies.Admin);
}
