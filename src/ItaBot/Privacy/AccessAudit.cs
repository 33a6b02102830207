using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Staff;

namespace ItaBot.Privacy;

/// <summary>One staff view or export of personal data: who, from which role, when, what (PDPA section 37, breach scoping).</summary>
internal sealed record AccessRecord(DateTime At, string StaffId, string StaffName, string Role, string Action, string Target);

/// <summary>
/// Records every successful staff read of a case, a photo, the case list, handovers or a citizen's data, in the privacy
/// store, before the response completes. Matched by path so that no page can forget to call it. The vault's
/// pages are left out: the vault keeps its own hash-chained audit.
/// </summary>
internal sealed partial class AccessAudit(IPrivacyStore store, TimeProvider time)
{
    private static readonly (Regex Path, string Action)[] Watched =
    [
        (CasePhoto(), "view-photo"),
        (CasePage(), "view-case"),
        (CaseList(), "list-cases"),
        (Handovers(), "view-handovers"),
        (RequestCopy(), "export-citizen-data"),
        (RequestPage(), "view-citizen-data"),
        (AuditPage(), "view-access-audit"),
    ];

    public static (string Action, string Target)? Classify(PathString path, QueryString query)
    {
        var value = path.Value ?? string.Empty;
        foreach (var (pattern, action) in Watched)
        {
            if (pattern.Match(value) is { Success: true } match)
            {
                if (action == "view-case" && match.Groups[1].Value == "new")
                {
                    return null;
                }

                var target = match.Groups.Count > 1 ? string.Join('/', match.Groups.Values.Skip(1).Select(g => g.Value)) : query.Value ?? string.Empty;
                return (action == "view-access-audit" && query.Value?.Contains("format=csv", StringComparison.Ordinal) == true ? "export-access-audit" : action,
                    Uri.UnescapeDataString(target));
            }
        }

        return null;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        await next(context).ConfigureAwait(false);
        if (!HttpMethods.IsGet(context.Request.Method) || context.Response.StatusCode != StatusCodes.Status200OK
            || context.User.Identity is not { IsAuthenticated: true, AuthenticationType: StaffAccount.AuthenticationScheme }
            || Classify(context.Request.Path, context.Request.QueryString) is not { } seen)
        {
            return;
        }

        var user = context.User;
        await RecordAsync(new AccessRecord(time.GetUtcNow().UtcDateTime, user.Id(), user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
            user.FindFirstValue(ClaimTypes.Role) ?? string.Empty, seen.Action, seen.Target)).ConfigureAwait(false);
    }

    public Task RecordAsync(AccessRecord r) => store.AddAccessAsync(r);

    public IReadOnlyList<AccessRecord> List(DateTime? fromUtc, DateTime? toUtc, string? staff, string? action, string? target, int limit = 1000) =>
        [.. store.ListAccess(fromUtc ?? DateTime.MinValue, toUtc ?? DateTime.MaxValue)
            .Where(r => (string.IsNullOrEmpty(staff) || r.StaffName.Contains(staff, StringComparison.OrdinalIgnoreCase) || r.StaffId == staff)
                && (string.IsNullOrEmpty(action) || r.Action == action)
                && (string.IsNullOrEmpty(target) || r.Target.Contains(target, StringComparison.OrdinalIgnoreCase)))
            .Take(limit)];

    public static string ToCsv(IEnumerable<AccessRecord> rows)
    {
        var csv = new StringBuilder("\uFEFFat_utc,staff_id,staff_name,role,action,target\r\n");
        foreach (var r in rows)
        {
            csv.Append(string.Join(',', new[] { r.At.ToString("o", CultureInfo.InvariantCulture), r.StaffId, r.StaffName, r.Role, r.Action, r.Target }
                .Select(v => v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v))).Append("\r\n");
        }

        return csv.ToString();
    }

    [GeneratedRegex("^/staff/cases/([^/]+)/photos/([^/]+)$")]
    private static partial Regex CasePhoto();

    [GeneratedRegex("^/staff/cases/([^/]+)$")]
    private static partial Regex CasePage();

    [GeneratedRegex("^/staff/cases/?$")]
    private static partial Regex CaseList();

    [GeneratedRegex("^/staff/handovers(?:/.*)?$")]
    private static partial Regex Handovers();

    [GeneratedRegex("^/staff/privacy/requests/([^/]+)/copy$")]
    private static partial Regex RequestCopy();

    [GeneratedRegex("^/staff/privacy/requests/([^/]+)$")]
    private static partial Regex RequestPage();

    [GeneratedRegex("^/staff/privacy/audit$")]
    private static partial Regex AuditPage();
}
