using ItaBot.Staff;
using ItaBot.Storage;

namespace ItaBot.Tests.Storage.Contracts;

/// <summary>What every <see cref="IStaffStore"/> must do (staff accounts and departments), whatever keeps the data.</summary>
public abstract class StaffStoreContract<TProvider> : StoreContract<TProvider>
    where TProvider : IStorageProvider, new()
{
    private IStaffStore Staff => Get<IStaffStore>();

    private static StaffAccount Account(string id, string? department = "engineering", StaffRole role = StaffRole.CaseOfficer, string? lineUserId = null,
        bool disabled = false) => new()
        {
            Id = id,
            UserName = id,
            DisplayName = "เจ้าหน้าที่ " + id,
            Role = role,
            Department = department,
            PasswordHash = "hash",
            LineUserId = lineUserId,
            Disabled = disabled,
            CreatedAt = new DateTime(2025, 6, 1, 2, 0, 0, DateTimeKind.Utc),
        };

    [Fact]
    public async Task CreateAsync_UserNameNormalisedAndUnique_VersionOne()
    {
        var created = await Staff.CreateAsync(Account("s-create") with { UserName = "  Somchai.K " });
        var twin = await Staff.CreateAsync(Account("s-twin") with { UserName = "SOMCHAI.k" });

        Assert.Equal((StaffChange.Done, StaffChange.Duplicate), (created, twin));
        var stored = Staff.FindByUserName("Somchai.K")!;
        Assert.Equal(("s-create", "somchai.k", 1), (stored.Id, stored.UserName, stored.Version));
        Assert.Equal(stored, Staff.Find("s-create"));
        Assert.Null(Staff.Find("s-twin"));
        Assert.True(Staff.Any());
    }

    [Fact]
    public async Task StoredAccount_EveryField_ReadsBackEqualWithUtcTimes()
    {
        var at = new DateTime(2025, 6, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var account = Account("s-fields", role: StaffRole.Admin, lineUserId: "Ufields") with
        {
            IsDepartmentHead = true, TotpSecret = "sealed", SecurityStamp = "stamp", MustChangePassword = true, TotpLastStep = 55,
            FailedSignIns = 2, LockedUntil = at, LastSignInAt = at, LinkCodeHash = "salt:hash", LinkCodeExpiresAt = at, LineLinkedAt = at,
        };

        await Staff.CreateAsync(account);

        var stored = Staff.Find("s-fields")!;
        Assert.Equal(account with { UserName = "s-fields", Version = 1 }, stored);
        Assert.Equal(DateTimeKind.Utc, stored.LockedUntil!.Value.Kind);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersionConflicts_NullVersionApplies_IdAndUserNameStay()
    {
        await Staff.CreateAsync(Account("s-update"));

        var first = await Staff.UpdateAsync("s-update", 1, a => a with { DisplayName = "ชื่อใหม่", Id = "hijack", UserName = "hijack" });
        var stale = await Staff.UpdateAsync("s-update", 1, a => a with { DisplayName = "ชื่อเก่า" });
        var counted = await Staff.UpdateAsync("s-update", null, a => a with { FailedSignIns = a.FailedSignIns + 1 });
        var missing = await Staff.UpdateAsync("s-none", null, a => a);

        Assert.Equal(StaffChange.Done, first.Result);
        Assert.Equal((StaffChange.Conflict, 2), (stale.Result, stale.Account!.Version));
        Assert.Equal((StaffChange.Done, 3), (counted.Result, counted.Account!.Version));
        Assert.Equal((StaffChange.NotFound, null), (missing.Result, missing.Account));
        var stored = Staff.Find("s-update")!;
        Assert.Equal(("s-update", "s-update", "ชื่อใหม่", 1, 3), (stored.Id, stored.UserName, stored.DisplayName, stored.FailedSignIns, stored.Version));
        Assert.Null(Staff.Find("hijack"));
    }

    [Fact]
    public async Task Queries_ByDepartmentLineIdRoleAndLinkCode()
    {
        var now = new DateTime(2025, 6, 2, 3, 0, 0, DateTimeKind.Utc);
        await Staff.CreateAsync(Account("q-eng1", lineUserId: "Uq1"));
        await Staff.CreateAsync(Account("q-eng2") with { LinkCodeHash = "salt:hash", LinkCodeExpiresAt = now.AddMinutes(5) });
        await Staff.CreateAsync(Account("q-old") with { LinkCodeHash = "salt:hash", LinkCodeExpiresAt = now.AddMinutes(-1) });
        await Staff.CreateAsync(Account("q-off", disabled: true) with { LinkCodeHash = "salt:hash", LinkCodeExpiresAt = now.AddMinutes(5) });
        await Staff.CreateAsync(Account("q-health", department: "public-health", lineUserId: "Uq2"));
        await Staff.CreateAsync(Account("q-integrity", department: null, role: StaffRole.IntegrityOfficer, lineUserId: "Uq1"));

        static string[] Ids(IEnumerable<StaffAccount> accounts) => [.. accounts.Select(a => a.Id).Order(StringComparer.Ordinal)];

        Assert.Equal(["q-eng1", "q-eng2", "q-off", "q-old"], Ids(Staff.ListByDepartment("engineering").Where(a => a.Id.StartsWith("q-", StringComparison.Ordinal))));
        Assert.Equal(["q-health"], Ids(Staff.ListByDepartment("public-health").Where(a => a.Id.StartsWith("q-", StringComparison.Ordinal))));
        Assert.Equal(["q-eng1", "q-integrity"], Ids(Staff.FindByLineUserId("Uq1")));
        Assert.Equal(["q-integrity"], Ids(Staff.ListByRole(StaffRole.IntegrityOfficer)));
        Assert.Equal(["q-eng2"], Ids(Staff.PendingLinkCodes(now)));
    }

    [Fact]
    public async Task List_EnabledFirstThenByUserName()
    {
        await Staff.CreateAsync(Account("l-b"));
        await Staff.CreateAsync(Account("l-a", disabled: true));
        await Staff.CreateAsync(Account("l-c"));
        await Staff.CreateAsync(Account("l-d"));

        var ours = Staff.List().Where(a => a.Id.StartsWith("l-", StringComparison.Ordinal)).Select(a => a.Id);

        Assert.Equal(["l-b", "l-c", "l-d", "l-a"], ours);
    }

    [Fact]
    public async Task Link_InAUnitOfWork_LinksOnceMovesTheLineAccountAndRefusesAWrongCode()
    {
        var now = new DateTime(2025, 6, 2, 3, 0, 0, DateTimeKind.Utc);
        await Staff.CreateAsync(Account("k-old", lineUserId: "Ulink"));
        await Staff.CreateAsync(Account("k-new") with { LinkCodeHash = StaffRules.HashLinkCode("123456"), LinkCodeExpiresAt = now.AddMinutes(10) });

        var wrong = await Writer.WriteAsync(work => Staff.Link(work, "k-new", "654321", "Ulink", now));
        var linked = await Writer.WriteAsync(work => Staff.Link(work, "k-new", "123456", "Ulink", now));
        var again = await Writer.WriteAsync(work => Staff.Link(work, "k-new", "123456", "Ulink", now));

        Assert.Equal((false, true, false), (wrong, linked, again));
        var account = Staff.Find("k-new")!;
        Assert.Equal(("Ulink", now, null), (account.LineUserId, account.LineLinkedAt, account.LinkCodeHash));
        Assert.Null(Staff.Find("k-old")!.LineUserId);
        Assert.Equal(["k-new"], Staff.FindByLineUserId("Ulink").Select(a => a.Id));
    }

    [Fact]
    public async Task Update_InAUnitOfWorkThatFails_RolledBack()
    {
        await Staff.CreateAsync(Account("r-1"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer.WriteAsync(work =>
        {
            Staff.Update(work, "r-1", 1, a => a with { DisplayName = "ไม่ควรอยู่" });
            throw new InvalidOperationException("the turn fails after its writes");
        }));

        Assert.Equal((1, "เจ้าหน้าที่ r-1"), (Staff.Find("r-1")!.Version, Staff.Find("r-1")!.DisplayName));
    }

    [Fact]
    public async Task Departments_SeedOnlyIntoNone_AddUnique_UpdateChecksTheVersion()
    {
        var existing = Staff.ListDepartments().Count;
        var seeded = await Staff.SeedDepartmentsAsync([new Department { Id = "d-seed", Name = "กองทดสอบ" }]);
        var added = await Staff.AddDepartmentAsync(new Department { Id = "d-new", Name = "กองใหม่", Head = "ผู้อำนวยการกอง" });
        var twin = await Staff.AddDepartmentAsync(new Department { Id = "d-new", Name = "ซ้ำ" });
        var changed = await Staff.UpdateDepartmentAsync("d-new", 1, d => d with { Id = "hijack", Name = "กองใหม่ (แก้)", Active = false });
        var stale = await Staff.UpdateDepartmentAsync("d-new", 1, d => d with { Name = "เก่า" });
        var missing = await Staff.UpdateDepartmentAsync("d-none", 1, d => d);

        Assert.Equal(existing == 0 ? 1 : 0, seeded);
        Assert.Equal((StaffChange.Done, StaffChange.Duplicate, StaffChange.Done, StaffChange.Conflict, StaffChange.NotFound), (added, twin, changed, stale, missing));
        Assert.Equal(new Department { Id = "d-new", Name = "กองใหม่ (แก้)", Head = "ผู้อำนวยการกอง", Active = false, Version = 2 }, Staff.FindDepartment("d-new"));
        Assert.Null(Staff.FindDepartment("hijack"));
        Assert.Equal("d-new", Staff.ListDepartments()[^1].Id);   // inactive last
    }
}

/// <summary>The staff store contract on LiteDB.</summary>
public sealed class LiteDbStaffStoreTests : StaffStoreContract<LiteDbProvider>;

/// <summary>The staff store contract on PostgreSQL.</summary>
public sealed class PostgreSqlStaffStoreTests : StaffStoreContract<PostgreSqlProvider>;
