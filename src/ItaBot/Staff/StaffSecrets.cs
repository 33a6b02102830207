using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OtpNet;
using QRCoder;

namespace ItaBot.Staff;

/// <summary>
/// Passwords: ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (in the shared framework, so no package): PBKDF2 with
/// HMAC-SHA512, 100,000 iterations, a random salt, a versioned format that it rehashes on sign-in when the defaults
/// grow. Argon2id would resist GPUs better, but the only served implementations are single-maintainer packages and
/// staff passwords sit behind TOTP for the roles that matter and a lockout for all; the vault keeps Argon2id for receipt codes.
/// </summary>
internal sealed class StaffPasswords
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private const string OneTimeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private readonly PasswordHasher<StaffAccount> _hasher = new();
    private readonly Lazy<string> _dummy;

    public StaffPasswords() => _dummy = new(() => _hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(16)));

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordVerificationResult Verify(StaffAccount account, string password) =>
        _hasher.VerifyHashedPassword(account, account.PasswordHash, password);

    /// <summary>Spends the same time as a real check, so an unknown user name cannot be told from a wrong password.</summary>
    public void VerifyNothing(string password) => _hasher.VerifyHashedPassword(null!, _dummy.Value, password);

    /// <summary>Three groups of four letters and digits without look-alikes (about 59 bits): "kq7m-3vxa-p9tr".</summary>
    public static string NewOneTimePassword()
    {
        var raw = RandomNumberGenerator.GetString(OneTimeAlphabet, 12);
        return $"{raw[..4]}-{raw[4..8]}-{raw[8..]}";
    }

    /// <summary>A Thai sentence saying what is wrong with a new password, or null when it is acceptable.</summary>
    public static string? Problem(string password, string userName) =>
        password.Length < MinLength ? $"รหัสผ่านต้องยาวอย่างน้อย {MinLength} ตัวอักษร"
        : password.Length > MaxLength ? $"รหัสผ่านยาวได้ไม่เกิน {MaxLength} ตัวอักษร"
        : password.Contains(userName, StringComparison.OrdinalIgnoreCase) ? "รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น"
        : null;
}

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 seconds, as every authenticator app reads it) with Otp.NET. Secrets are kept
/// encrypted with ASP.NET Core data protection (keys under the data directory); the step of the last accepted code is
/// kept so that no code window is accepted twice.
/// </summary>
internal sealed class StaffTotp(IDataProtectionProvider protection)
{
    public const string Issuer = "ItaBot";

    /// <summary>One step either side: a phone clock 30 seconds off still works.</summary>
    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    private readonly IDataProtector _secrets = protection.CreateProtector("ItaBot.Staff.TotpSecret");

    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    public string Protect(string secret) => _secrets.Protect(secret);

    public string Unprotect(string stored) => _secrets.Unprotect(stored);

    /// <summary>The step the code belongs to when it is right for <paramref name="now"/> and newer than <paramref name="lastStep"/>; else null.</summary>
    public static long? Verify(string secret, string code, DateTimeOffset now, long lastStep)
    {
        code = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, Window) && step > lastStep ? step : null;
    }

    public static string Compute(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    public static string Uri(string secret, string userName) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(userName)}?secret={secret}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The secret in groups of four, as people type it into an app by hand.</summary>
    public static string Grouped(string secret) =>
        string.Join(' ', Enumerable.Range(0, (secret.Length + 3) / 4).Select(i => secret.Substring(i * 4, Math.Min(4, secret.Length - (i * 4)))));

    /// <summary>A PNG QR code of the otpauth URI as a data: URI (drawn here: nothing leaves the server).</summary>
    public static string QrDataUri(string otpUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(otpUri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static string NewLinkCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
}
