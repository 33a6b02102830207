using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ItaBot.Staff;

internal enum SignInOutcome
{
    Success,
    Invalid,
    Locked,
}

/// <summary>An account just made or reset, with the one-time password to hand over (shown once, never stored).</summary>
internal sealed record IssuedPassword(StaffAccount Account, string OneTimePassword);

/// <summary>
/// The staff account use cases: sign-in checks with lockout, TOTP (enrol, verify without replay), passwords, admin
/// changes, LINE link codes. Every change goes through <see cref="IStaffStore"/> with a version check.
/// </summary>
internal sealed partial class StaffAccounts(
    IStaffStore store,
    StaffPasswords passwords,
    StaffTotp totp,
    IOptions<StaffOptions> options,
    TimeProvider time,
    ILogger<StaffAccounts> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public IStaffStore Store => store;

    public bool IsLocked(StaffAccount account) => account.LockedUntil is { } until && until > Now;

    /// <summary>Checks a user name and password. An unknown name, a disabled account and a wrong password look alike.</summary>
    public async Task<(SignInOutcome Outcome, StaffAccount? Account)> CheckPasswordAsync(string userName, string password)
    {
        var account = store.FindByUserName(userName);
        if (account is null || account.Disabled)
        {
            passwords.VerifyNothing(password);
            LogSignInRefused(logger, "unknown or disabled account");
            return (SignInOutcome.Invalid, null);
        }

        if (IsLocked(account))
        {
            passwords.VerifyNothing(password);   // as slow as a real check: a locked account is not told apart by timing either
            LogSignInRefused(logger, "locked");
            return (SignInOutcome.Locked, account);
        }

        var result = passwords.Verify(account, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return (await FailAsync(account).ConfigureAwait(false), account);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var hash = passwords.Hash(password);
            (_, account) = await store.UpdateAsync(account.Id, null, a => a with { PasswordHash = hash }).ConfigureAwait(false);
        }

        return (SignInOutcome.Success, account);
    }

    /// <summary>Checks a TOTP code of an enrolled account; each code window is accepted once.</summary>
    public async Task<SignInOutcome> CheckTotpAsync(string accountId, string code)
    {
        var account = store.Find(accountId);
        if (account is null || account.Disabled || account.TotpSecret is null)
        {
            return SignInOutcome.Invalid;
        }

        if (IsLocked(account))
        {
            return SignInOutcome.Locked;
        }

        if (StaffTotp.Verify(totp.Unprotect(account.TotpSecret), code, time.GetUtcNow(), account.TotpLastStep) is not { } step)
        {
            return await FailAsync(account).ConfigureAwait(false);
        }

        // The version check makes two requests racing with one code end with one success.
        var (result, _) = await store.UpdateAsync(account.Id, account.Version, a => a with { TotpLastStep = step }).ConfigureAwait(false);
        return result == StaffChange.Done ? SignInOutcome.Success : SignInOutcome.Invalid;
    }

    /// <summary>Stores a new TOTP secret once the code typed from it is right (proving the app has it).</summary>
    public async Task<bool> EnrolTotpAsync(string accountId, string secret, string code)
    {
        if (StaffTotp.Verify(secret, code, time.GetUtcNow(), 0) is not { } step)
        {
            return false;
        }

        var stored = totp.Protect(secret);
        var (result, _) = await store.UpdateAsync(accountId, null, a => a with { TotpSecret = stored, TotpLastStep = step }).ConfigureAwait(false);
        if (result == StaffChange.Done)
        {
            LogTotpEnrolled(logger, accountId);
        }

        return result == StaffChange.Done;
    }

    /// <summary>The first full sign-in after the checks: failures forgotten, time noted.</summary>
    public async Task<StaffAccount?> SignedInAsync(string accountId)
    {
        var now = Now;
        var (_, account) = await store.UpdateAsync(accountId, null, a => a with { FailedSignIns = 0, LockedUntil = null, LastSignInAt = now }).ConfigureAwait(false);
        LogSignedIn(logger, accountId);
        return account;
    }

    /// <summary>
    /// Sign-out: a new stamp, so the session cookie (and any copy of it) is refused at its next request rather than
    /// living on until it expires. The account's sessions on other devices end with it.
    /// </summary>
    public async Task SignedOutAsync(string accountId)
    {
        var stamp = StaffRules.NewStamp();
        await store.UpdateAsync(accountId, null, a => a with { SecurityStamp = stamp }).ConfigureAwait(false);
        LogSignedOut(logger, accountId);
    }

    /// <summary>Sets a password the user chose; ends every other session of the account (new stamp).</summary>
    public async Task<StaffAccount?> SetPasswordAsync(string accountId, string newPassword)
    {
        var hash = passwords.Hash(newPassword);
        var stamp = StaffRules.NewStamp();
        var (result, account) = await store.UpdateAsync(accountId, null, a => a with { PasswordHash = hash, MustChangePassword = false, SecurityStamp = stamp }).ConfigureAwait(false);
        return result == StaffChange.Done ? account : null;
    }

    public async Task<(StaffChange Result, IssuedPassword? Issued)> CreateAsync(
        string userName, string displayName, StaffRole role, string? department, bool isDepartmentHead)
    {
        var oneTime = StaffPasswords.NewOneTimePassword();
        var account = new StaffAccount
        {
            Id = Guid.NewGuid().ToString("N"),
            UserName = StaffRules.NormalizeUserName(userName),
            DisplayName = displayName.Trim(),
            Role = role,
            Department = department,
            IsDepartmentHead = isDepartmentHead,
            PasswordHash = passwords.Hash(oneTime),
            MustChangePassword = true,
            SecurityStamp = StaffRules.NewStamp(),
            CreatedAt = Now,
        };
        var result = await store.CreateAsync(account).ConfigureAwait(false);
        if (result == StaffChange.Done)
        {
            LogCreated(logger, account.Id, role);
        }

        return (result, result == StaffChange.Done ? new IssuedPassword(account, oneTime) : null);
    }

    /// <summary>Demo accounts (simulator mode): a password to use as is.</summary>
    public async Task<string?> CreateDemoAsync(string userName, string displayName, StaffRole role, string? department)
    {
        var (result, issued) = await CreateAsync(userName, displayName, role, department, false).ConfigureAwait(false);
        if (result != StaffChange.Done)
        {
            return null;
        }

        await store.UpdateAsync(issued!.Account.Id, null, a => a with { MustChangePassword = false }).ConfigureAwait(false);
        return issued.OneTimePassword;
    }

    public async Task<(StaffChange Result, string? OneTimePassword)> ResetPasswordAsync(string accountId, int version)
    {
        var oneTime = StaffPasswords.NewOneTimePassword();
        var hash = passwords.Hash(oneTime);
        var stamp = StaffRules.NewStamp();
        var (result, _) = await store.UpdateAsync(accountId, version, a => a with
        {
            PasswordHash = hash, MustChangePassword = true, SecurityStamp = stamp, FailedSignIns = 0, LockedUntil = null,
        }).ConfigureAwait(false);
        return (result, result == StaffChange.Done ? oneTime : null);
    }

    /// <summary>Clears TOTP (a lost phone). Admins and integrity officers must enrol again at their next sign-in.</summary>
    public async Task<StaffChange> ResetTotpAsync(string accountId, int version)
    {
        var stamp = StaffRules.NewStamp();
        var (result, _) = await store.UpdateAsync(accountId, version, a => a with { TotpSecret = null, TotpLastStep = 0, SecurityStamp = stamp }).ConfigureAwait(false);
        return result;
    }

    /// <summary>An admin's edit. A change of role or disabling ends the account's sessions.</summary>
    public async Task<StaffChange> UpdateAsync(string accountId, int version, string displayName, StaffRole role, string? department, bool isHead, bool disabled)
    {
        var stamp = StaffRules.NewStamp();
        var (result, _) = await store.UpdateAsync(accountId, version, a => a with
        {
            DisplayName = displayName.Trim(),
            Role = role,
            Department = department,
            IsDepartmentHead = isHead,
            Disabled = disabled,
            SecurityStamp = a.Role != role || a.Disabled != disabled || a.Department != department ? stamp : a.SecurityStamp,
        }).ConfigureAwait(false);
        return result;
    }

    /// <summary>A new six-digit code for linking LINE (replaces any earlier one). Only its salted HMAC is stored.</summary>
    public async Task<(string Code, DateTime ExpiresAt)?> NewLinkCodeAsync(string accountId)
    {
        var code = StaffTotp.NewLinkCode();
        var hash = StaffRules.HashLinkCode(code);
        var expires = Now + options.Value.LinkCodeLifetime;
        var (result, _) = await store.UpdateAsync(accountId, null, a => a with { LinkCodeHash = hash, LinkCodeExpiresAt = expires }).ConfigureAwait(false);
        return result == StaffChange.Done ? (code, expires) : null;
    }

    public async Task<bool> UnlinkLineAsync(string accountId)
    {
        var (result, _) = await store.UpdateAsync(accountId, null, a => a with { LineUserId = null, LineLinkedAt = null, LinkCodeHash = null, LinkCodeExpiresAt = null }).ConfigureAwait(false);
        return result == StaffChange.Done;
    }

    private async Task<SignInOutcome> FailAsync(StaffAccount account)
    {
        var now = Now;
        var max = options.Value.MaxFailedSignIns;
        var lockout = options.Value.LockoutDuration;
        var (_, updated) = await store.UpdateAsync(account.Id, null, a =>
        {
            var failed = a.FailedSignIns + 1;
            return failed >= max
                ? a with { FailedSignIns = 0, LockedUntil = now + lockout }
                : a with { FailedSignIns = failed };
        }).ConfigureAwait(false);
        if (updated?.LockedUntil is { } until && until > now)
        {
            LogLocked(logger, account.Id, max);
            return SignInOutcome.Locked;
        }

        LogSignInRefused(logger, "wrong password or code");
        return SignInOutcome.Invalid;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in refused: {Reason}")]
    private static partial void LogSignInRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff account {AccountId} locked after {Count} failed sign-in attempts")]
    private static partial void LogLocked(ILogger logger, string accountId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {AccountId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {AccountId} signed out; its sessions end")]
    private static partial void LogSignedOut(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {AccountId} enrolled TOTP")]
    private static partial void LogTotpEnrolled(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff account {AccountId} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string accountId, StaffRole role);
}
