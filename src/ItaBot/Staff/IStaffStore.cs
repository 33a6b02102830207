using ItaBot.Storage;

namespace ItaBot.Staff;

/// <summary>What a change made from a copy of a record came to.</summary>
internal enum StaffChange
{
    Done,
    NotFound,

    /// <summary>Someone changed the record since it was read: nothing was written.</summary>
    Conflict,

    /// <summary>The user name or department id is taken.</summary>
    Duplicate,
}

/// <summary>
/// Staff accounts and departments. Reads see committed data; every change names the version it read, so a change from a
/// stale copy is refused instead of overwriting someone else's, and bumps the version. User names are stored normalised
/// (<see cref="StaffRules.NormalizeUserName"/>) and are unique; department ids are unique and never change.
/// </summary>
internal interface IStaffStore
{
    bool Any();

    /// <summary>Every account: enabled ones first, then by user name (ordinal).</summary>
    IReadOnlyList<StaffAccount> List();

    StaffAccount? Find(string id);

    StaffAccount? FindByUserName(string userName);

    IReadOnlyList<StaffAccount> FindByLineUserId(string lineUserId);

    IReadOnlyList<StaffAccount> ListByDepartment(string department);

    IReadOnlyList<StaffAccount> ListByRole(StaffRole role);

    /// <summary>Enabled accounts with a link code still valid at <paramref name="now"/> (few: codes live ten minutes).</summary>
    IReadOnlyList<StaffAccount> PendingLinkCodes(DateTime now);

    /// <summary>Stores a new account at version 1, its user name normalised; <see cref="StaffChange.Duplicate"/> when the name is taken.</summary>
    Task<StaffChange> CreateAsync(StaffAccount account);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored account if it is still at <paramref name="expectedVersion"/>
    /// (null: whatever version is stored, for changes that recompute from the stored copy, like counting a failed
    /// sign-in). Id and user name never change; the version goes up by one.
    /// </summary>
    Task<(StaffChange Result, StaffAccount? Account)> UpdateAsync(string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change);

    /// <summary>The same as <see cref="UpdateAsync"/>, inside another commit (a bot turn).</summary>
    (StaffChange Result, StaffAccount? Account) Update(IUnitOfWork work, string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change);

    /// <summary>The account as this unit of work sees it.</summary>
    StaffAccount? Find(IUnitOfWork work, string id);

    /// <summary>The accounts linked to <paramref name="lineUserId"/>, as this unit of work sees them.</summary>
    IReadOnlyList<StaffAccount> FindByLineUserId(IUnitOfWork work, string lineUserId);

    /// <summary>Every department: active ones first, then by name (ordinal).</summary>
    IReadOnlyList<Department> ListDepartments();

    Department? FindDepartment(string id);

    /// <summary>Stores <paramref name="departments"/> (at version 1) only when there are none yet; returns how many were stored.</summary>
    Task<int> SeedDepartmentsAsync(IReadOnlyList<Department> departments);

    /// <summary>Stores a new department at version 1; <see cref="StaffChange.Duplicate"/> when its id is taken.</summary>
    Task<StaffChange> AddDepartmentAsync(Department department);

    /// <summary>Applies <paramref name="change"/> if the department is still at <paramref name="expectedVersion"/>; its id never changes.</summary>
    Task<StaffChange> UpdateDepartmentAsync(string id, int expectedVersion, Func<Department, Department> change);
}
