using ItaBot.Staff;

namespace ItaBot.Notifications;

/// <summary>
/// Who receives staff notifications, asked of the staff slice's store: accounts that are not disabled and have linked a
/// LINE account, in id order.
/// </summary>
internal sealed class StaffDirectory(IStaffStore staff)
{
    public List<StaffAccount> LinkedOfDepartment(string department) =>
        [.. staff.ListByDepartment(department).Where(IsLinked).OrderBy(s => s.Id, StringComparer.Ordinal)];

    public StaffAccount? Linked(string? staffId) =>
        staffId is null ? null : staff.Find(staffId) is { } s && IsLinked(s) ? s : null;

    public string? DisplayName(string? staffId) => staffId is null ? null : staff.Find(staffId)?.DisplayName;

    /// <summary>Linked staff of every department, by department.</summary>
    public Dictionary<string, List<StaffAccount>> LinkedByDepartment() =>
        staff.List()
            .Where(s => IsLinked(s) && !string.IsNullOrEmpty(s.Department))
            .GroupBy(s => s.Department!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>Linked integrity officers (told of protected reports, and of nothing in them).</summary>
    public List<StaffAccount> LinkedIntegrityOfficers() =>
        [.. staff.ListByRole(StaffRole.IntegrityOfficer).Where(IsLinked)];

    private static bool IsLinked(StaffAccount s) => !s.Disabled && !string.IsNullOrEmpty(s.LineUserId);
}
