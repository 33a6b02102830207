using System.Security.Cryptography;
using System.Text;
using ItaBot.Storage;

namespace ItaBot.Staff;

/// <summary>User names, security stamps and LINE link codes: the rules every staff store and page share.</summary>
internal static class StaffRules
{
    /// <summary>User names are kept lower-case: "Somchai" and "somchai" are one account.</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValidUserName(string userName) =>
        userName.Length is >= 3 and <= 32 && userName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-');

    public static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>"salt:HMAC-SHA256(salt, code)": the code itself is never stored.</summary>
    public static string HashLinkCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToHexStringLower(salt) + ":" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code)));
    }

    public static bool LinkCodeMatches(string? stored, string code)
    {
        if (stored?.Split(':') is not [var salt, var hash])
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.ASCII.GetBytes(code));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hash));
    }

    /// <summary>
    /// Links <paramref name="lineUserId"/> to the account whose code it is, checked again inside the commit (the code is
    /// single use: of two turns typing it, one links). The LINE account leaves any other staff account it was linked to.
    /// Returns whether it linked.
    /// </summary>
    public static bool Link(this IStaffStore store, IUnitOfWork work, string accountId, string code, string lineUserId, DateTime now)
    {
        if (store.Find(work, accountId) is not { Disabled: false, LinkCodeExpiresAt: { } until } account
            || until <= now || !LinkCodeMatches(account.LinkCodeHash, code))
        {
            return false;
        }

        store.Update(work, accountId, account.Version, a => a with { LineUserId = lineUserId, LineLinkedAt = now, LinkCodeHash = null, LinkCodeExpiresAt = null });
        foreach (var other in store.FindByLineUserId(work, lineUserId).Where(o => o.Id != accountId).ToList())
        {
            store.Update(work, other.Id, other.Version, o => o with { LineUserId = null, LineLinkedAt = null });
        }

        return true;
    }
}
