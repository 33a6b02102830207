using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Staff;

/// <summary>The account use cases over a real LiteDB file, with a clock the test moves.</summary>
public sealed class StaffAccountsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 2, 0, 5, TimeSpan.Zero));
    private MessagingStore _store = null!;
    private StaffAccounts _accounts = null!;

    public ValueTask InitializeAsync()
    {
        _store = TestStores.Messaging(new StorageOptions { DataDirectory = TempDirectory.Create() });
        _accounts = new StaffAccounts(new ItaBot.Staff.LiteDb.LiteDbStaffStore(_store), new StaffPasswords(), new StaffTotp(new EphemeralDataProtectionProvider()),
            Options.Create(new StaffOptions()), _clock, NullLogger<StaffAccounts>.Instance);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();

    private async Task<StaffAccount> AddAsync(string user = "somchai", StaffRole role = StaffRole.CaseOfficer)
    {
        var (_, issued) = await _accounts.CreateAsync(user, "สมชาย ใจดี", role, "engineering", false);
        return (await _accounts.SetPasswordAsync(issued!.Account.Id, StaffBrowser.Password))!;
    }

    [Fact]
    public async Task Create_StoresAOneTimePasswordThatMustBeChanged_AndUserNamesAreUniqueIgnoringCase()
    {
        var (result, issued) = await _accounts.CreateAsync("Somchai", "สมชาย", StaffRole.CaseOfficer, "engineering", true);

        Assert.Equal(StaffChange.Done, result);
        var stored = _accounts.Store.FindByUserName("SOMCHAI")!;
        Assert.True(stored.MustChangePassword);
        Assert.Equal("somchai", stored.UserName);
        Assert.True(stored.IsDepartmentHead);
        Assert.DoesNotContain(issued!.OneTimePassword, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(SignInOutcome.Success, (await _accounts.CheckPasswordAsync("somchai", issued.OneTimePassword)).Outcome);
        Assert.Equal(StaffChange.Duplicate, (await _accounts.CreateAsync("somCHAI", "อีกคน", StaffRole.Reporter, null, false)).Result);
    }

    [Fact]
    public async Task WrongPassword_FiveTimes_LocksTheAccount_EvenTheRightPassword_UntilTheLockoutEnds()
    {
        await AddAsync();
        for (var i = 1; i < 5; i++)
        {
            Assert.Equal(SignInOutcome.Invalid, (await _accounts.CheckPasswordAsync("somchai", "wrong-password-" + i)).Outcome);
        }

        Assert.Equal(SignInOutcome.Locked, (await _accounts.CheckPasswordAsync("somchai", "wrong-password-5")).Outcome);
        Assert.Equal(SignInOutcome.Locked, (await _accounts.CheckPasswordAsync("somchai", StaffBrowser.Password)).Outcome);

        _clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(SignInOutcome.Success, (await _accounts.CheckPasswordAsync("somchai", StaffBrowser.Password)).Outcome);
    }

    [Fact]
    public async Task UnknownUser_AndDisabledAccount_LookLikeAWrongPassword()
    {
        var account = await AddAsync();
        await _accounts.UpdateAsync(account.Id, _accounts.Store.Find(account.Id)!.Version, account.DisplayName, account.Role, account.Department, false, disabled: true);

        Assert.Equal(SignInOutcome.Invalid, (await _accounts.CheckPasswordAsync("somchai", StaffBrowser.Password)).Outcome);
        Assert.Equal(SignInOutcome.Invalid, (await _accounts.CheckPasswordAsync("nobody", StaffBrowser.Password)).Outcome);
    }

    [Fact]
    public async Task Totp_CodeAccepted_ThenTheSameCodeRefused_AWrongCodeCountsTowardsLockout()
    {
        var account = await AddAsync("admin1", StaffRole.Admin);
        var secret = StaffTotp.NewSecret();
        Assert.True(await _accounts.EnrolTotpAsync(account.Id, secret, StaffTotp.Compute(secret, _clock.GetUtcNow())));

        // The enrolment code's window is used up: the same code again is a replay.
        Assert.Equal(SignInOutcome.Invalid, await _accounts.CheckTotpAsync(account.Id, StaffTotp.Compute(secret, _clock.GetUtcNow())));
        _clock.Advance(TimeSpan.FromSeconds(30));
        var code = StaffTotp.Compute(secret, _clock.GetUtcNow());
        Assert.Equal(SignInOutcome.Success, await _accounts.CheckTotpAsync(account.Id, code));
        Assert.Equal(SignInOutcome.Invalid, await _accounts.CheckTotpAsync(account.Id, code));

        Assert.Equal(SignInOutcome.Invalid, await _accounts.CheckTotpAsync(account.Id, "000000"));
        Assert.Equal(SignInOutcome.Invalid, await _accounts.CheckTotpAsync(account.Id, "999999"));

        // Two replays and three wrong codes make five failures: locked, and even a fresh right code is refused.
        Assert.Equal(SignInOutcome.Locked, await _accounts.CheckTotpAsync(account.Id, "111111"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SignInOutcome.Locked, await _accounts.CheckTotpAsync(account.Id, StaffTotp.Compute(secret, _clock.GetUtcNow())));
    }

    [Fact]
    public async Task Update_FromAStaleVersion_IsRefused_NothingOverwritten()
    {
        var account = await AddAsync();
        var version = _accounts.Store.Find(account.Id)!.Version;

        Assert.Equal(StaffChange.Done, await _accounts.UpdateAsync(account.Id, version, "ชื่อใหม่", StaffRole.CaseOfficer, "engineering", false, false));
        Assert.Equal(StaffChange.Conflict, await _accounts.UpdateAsync(account.Id, version, "ชื่อของอีกคน", StaffRole.Reporter, null, false, false));

        var stored = _accounts.Store.Find(account.Id)!;
        Assert.Equal("ชื่อใหม่", stored.DisplayName);
        Assert.Equal(StaffRole.CaseOfficer, stored.Role);
    }

    [Fact]
    public async Task PasswordChange_RoleChange_AndDisabling_ChangeTheSecurityStamp_ANameChangeDoesNot()
    {
        var account = await AddAsync();
        var stamp = _accounts.Store.Find(account.Id)!.SecurityStamp;

        await _accounts.UpdateAsync(account.Id, _accounts.Store.Find(account.Id)!.Version, "ชื่อใหม่", StaffRole.CaseOfficer, "engineering", false, false);
        Assert.Equal(stamp, _accounts.Store.Find(account.Id)!.SecurityStamp);

        await _accounts.UpdateAsync(account.Id, _accounts.Store.Find(account.Id)!.Version, "ชื่อใหม่", StaffRole.Reporter, null, false, false);
        var afterRole = _accounts.Store.Find(account.Id)!.SecurityStamp;
        Assert.NotEqual(stamp, afterRole);

        await _accounts.SetPasswordAsync(account.Id, "รหัสผ่านใหม่อีกอัน-99");
        Assert.NotEqual(afterRole, _accounts.Store.Find(account.Id)!.SecurityStamp);
    }

    [Fact]
    public async Task Departments_SeededOnce_ThenRenameAndDeactivate_WithVersionCheck()
    {
        IReadOnlyList<Department> units = [.. ItaBot.Content.ContentPackLoader.Load(ItaBot.Content.ContentOptions.FindDefault(AppContext.BaseDirectory)!).Units.Select(Department.From)];

        Assert.Equal(units.Count, await _accounts.Store.SeedDepartmentsAsync(units));
        Assert.Equal(0, await _accounts.Store.SeedDepartmentsAsync(units));

        var engineering = _accounts.Store.FindDepartment("engineering")!;
        Assert.Equal("กองช่าง", engineering.Name);
        Assert.Equal(StaffChange.Done, await _accounts.Store.UpdateDepartmentAsync("engineering", engineering.Version, d => d with { Name = "กองช่างโยธา", Active = false }));
        Assert.Equal(StaffChange.Conflict, await _accounts.Store.UpdateDepartmentAsync("engineering", engineering.Version, d => d with { Name = "ชื่อเก่า" }));
        Assert.Equal(StaffChange.Duplicate, await _accounts.Store.AddDepartmentAsync(new Department { Id = "engineering", Name = "ซ้ำ" }));

        var stored = _accounts.Store.FindDepartment("engineering")!;
        Assert.Equal("กองช่างโยธา", stored.Name);
        Assert.False(stored.Active);
    }

    [Fact]
    public async Task LinkCode_IsStoredHashed_AndExpiresAfterTenMinutes()
    {
        var account = await AddAsync();

        var (code, expires) = (await _accounts.NewLinkCodeAsync(account.Id))!.Value;

        var stored = _accounts.Store.Find(account.Id)!;
        Assert.Matches("^[0-9]{6}$", code);
        Assert.DoesNotContain(code, stored.LinkCodeHash!, StringComparison.Ordinal);
        Assert.True(StaffRules.LinkCodeMatches(stored.LinkCodeHash, code));
        Assert.Equal(_clock.GetUtcNow().UtcDateTime.AddMinutes(10), expires);
        Assert.Single(_accounts.Store.PendingLinkCodes(_clock.GetUtcNow().UtcDateTime));
        Assert.Empty(_accounts.Store.PendingLinkCodes(_clock.GetUtcNow().UtcDateTime.AddMinutes(10)));
    }
}
