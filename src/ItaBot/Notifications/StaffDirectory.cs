using ItaBot.Staff;
using LiteDB;

namespace ItaBot.Notifications;

/// <summary>
/// Who receives staff notifications, read from the staff helper's collection "staff" (StaffAccount, Id as _id):
/// accounts that are not disabled and have linked a LINE account.
/// </summary>
internal static class StaffDirectory
{
    public const string CollectionName = "staff";

    public static List<StaffAccount> LinkedOfDepartment(LiteDatabase db, string department) =>
        [.. db.GetCollection<StaffAccount>(CollectionName).Find(Query.EQ(nameof(StaffAccount.Department), department))
            .Where(IsLinked)
            .OrderBy(s => s.Id, StringComparer.Ordinal)];

    public static StaffAccount? Linked(LiteDatabase db, string? staffId) =>
        staffId is null ? null : db.GetCollection<StaffAccount>(CollectionName).FindById(staffId) is { } s && IsLinked(s) ? s : null;

    public static string? DisplayName(LiteDatabase db, string? staffId) =>
        staffId is null ? null : db.GetCollection<StaffAccount>(CollectionName).FindById(staffId)?.DisplayName;

    /// <summary>Linked staff of every department, by department.</summary>
    public static Dictionary<string, List<StaffAccount>> LinkedByDepartment(LiteDatabase db) =>
        db.GetCollection<StaffAccount>(CollectionName).FindAll()
            .Where(s => IsLinked(s) && !string.IsNullOrEmpty(s.Department))
            .GroupBy(s => s.Department!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.Id, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static bool IsLinked(StaffAccount s) => !s.Disabled && !string.IsNullOrEmpty(s.LineUserId);
}
