using ItaBot.Tests.Content;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Agencies;

/// <summary>Agencies "a" and "b" on one PostgreSQL database: their settings, and B's content pack under its own name.</summary>
internal static class TwoAgencies
{
    public const string SecretA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string SecretB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string NameA = "เทศบาลตำบลโนนทอง";
    public const string NameB = "เทศบาลตำบลดอนแดง";

    /// <summary>Adds agencies a and b to <paramref name="settings"/> (a fresh database's, from <see cref="PostgreSqlServiceTest"/>).</summary>
    public static IDictionary<string, string?> Add(IDictionary<string, string?> settings, TempContentPack packB)
    {
        settings["ItaBot:Agencies:a:Name"] = NameA;
        settings["ItaBot:Agencies:a:Line:ChannelSecret"] = SecretA;
        settings["ItaBot:Agencies:a:Line:ChannelAccessToken"] = "token-a";
        settings["ItaBot:Agencies:a:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        settings["ItaBot:Agencies:b:Name"] = NameB;
        settings["ItaBot:Agencies:b:Line:ChannelSecret"] = SecretB;
        settings["ItaBot:Agencies:b:Line:ChannelAccessToken"] = "token-b";
        settings["ItaBot:Agencies:b:Vault:Kek"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        settings["ItaBot:Agencies:b:Content:Directory"] = packB.Directory;
        return settings;
    }

    /// <summary>The sample pack with B's name in agency.yaml.</summary>
    public static TempContentPack PackOfB()
    {
        var pack = new TempContentPack();
        pack.Replace("agency.yaml", "name: " + NameA, "name: " + NameB);
        return pack;
    }
}
