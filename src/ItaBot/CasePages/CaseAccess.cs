using System.Security.Claims;
using ItaBot.Cases;
using ItaBot.Staff;

namespace ItaBot.CasePages;

/// <summary>Which cases a signed-in staff member may see: an admin every case, a case officer those of their department.</summary>
internal static class CaseAccess
{
    public static bool IsAdmin(ClaimsPrincipal user) => user.IsInRole(nameof(StaffRole.Admin));

    /// <summary>The department the user is limited to (null: every department).</summary>
    public static string? LimitedTo(ClaimsPrincipal user) =>
        IsAdmin(user) ? null : user.DepartmentOf() is { Length: > 0 } department ? department : "\u0000none";

    public static bool MaySee(ClaimsPrincipal user, CaseRecord record) =>
        LimitedTo(user) is not { } department || string.Equals(record.Department, department, StringComparison.Ordinal);

    /// <summary>
    /// The case named in the URL, by number ("ร68-00042") or by id (the links in staff notifications), or null when it
    /// does not exist or the user may not see it: another department's case is "not found", never "forbidden".
    /// </summary>
    public static CaseRecord? Find(CaseService store, ClaimsPrincipal user, string key)
    {
        var record = store.GetByNumber(key) ?? (IsId(key) ? store.Get(key) : null);
        return record is not null && MaySee(user, record) ? record : null;
    }

    public static string Href(CaseRecord record) => CaseListEndpoints.Path + "/" + Uri.EscapeDataString(record.Number);

    private static bool IsId(string key) => key.Length == 24 && key.All(char.IsAsciiHexDigit);
}
