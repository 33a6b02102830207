using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace ItaBot.Vault.Receipts;

/// <summary>
/// Receipt codes: 20 decimal digits from the CSPRNG (10^20 ≈ 2^66.4), shown as five groups of four like a phone
/// number. Stored only as (a) an HMAC-SHA256 lookup tag under the vault's lookup key, which finds the one candidate
/// report without running Argon2 over every stored hash, and (b) an Argon2id hash with its own salt, which is what
/// actually proves the receipt.
/// </summary>
internal sealed class ReceiptCodes
{
    public const int Digits = 20;
    private const int SaltSize = 16;
    private const int HashSize = 32;

    private readonly byte[] _lookupKey;
    private readonly int _memoryKiB;
    private readonly int _passes;
    private readonly Argon2id _argon2;
    private readonly string _dummyHash;

    public ReceiptCodes(byte[] lookupKey, int memoryKiB, int passes)
    {
        _lookupKey = lookupKey;
        _memoryKiB = memoryKiB;
        _passes = passes;
        _argon2 = Algorithm(memoryKiB, passes);
        _dummyHash = Hash(New());
    }

    public string Parameters => $"Argon2id m={_memoryKiB} KiB, t={_passes}, p=1, 16-byte salt, 32-byte output (libsodium through NSec)";

    public static string New()
    {
        var digits = new char[Digits];
        for (var i = 0; i < Digits; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        return new string(digits);
    }

    /// <summary>"0812 3456 7890 1234 5678".</summary>
    public static string Format(string digits)
    {
        var text = new StringBuilder(Digits + 4);
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                text.Append(' ');
            }

            text.Append(digits[i]);
        }

        return text.ToString();
    }

    /// <summary>The 20 digits of what was typed (spaces, dashes and dots ignored, Thai digits accepted); null when it cannot be a receipt.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var digits = new StringBuilder(Digits);
        foreach (var c in typed)
        {
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c is >= '๐' and <= '๙')
            {
                digits.Append((char)('0' + (c - '๐')));
            }
            else if (!(char.IsWhiteSpace(c) || c is '-' or '.' or '/'))
            {
                return null;
            }
        }

        return digits.Length == Digits ? digits.ToString() : null;
    }

    public string LookupTag(string digits) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes("receipt\n" + digits)));

    /// <summary>The lookup tag of a caller's submission key (a different domain than receipts): finds a repeated submit.</summary>
    public string SubmissionTag(string submissionKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes("submission\n" + submissionKey)));

    public string Hash(string digits)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = _argon2.DeriveBytes(Encoding.ASCII.GetBytes(digits), salt, HashSize);
        return $"$argon2id$v=19$m={_memoryKiB},t={_passes},p=1${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>Checks <paramref name="digits"/> against a stored hash; with no candidate, burns the same time on a dummy.</summary>
    public bool Verify(string digits, string? stored)
    {
        var target = stored ?? _dummyHash;
        var parts = target.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id")
        {
            return false;
        }

        var settings = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var algorithm = settings["m"] == _memoryKiB && settings["t"] == _passes ? _argon2 : Algorithm(settings["m"], settings["t"]);
        var salt = Convert.FromBase64String(parts[4]);
        var expected = Convert.FromBase64String(parts[5]);
        var actual = algorithm.DeriveBytes(Encoding.ASCII.GetBytes(digits), salt, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && stored is not null;
    }

    private static Argon2id Algorithm(int memoryKiB, int passes) =>
        PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = passes,
        });
}
