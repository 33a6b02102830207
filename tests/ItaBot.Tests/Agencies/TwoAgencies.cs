using System.Security.Cryptography;
using ItaBot.Line.Testing;
using ItaBot.Tests.Content;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Agencies;

/// <summary>
/// Agencies "a" and "b" beside the default one, on the test's own fresh PostgreSQL database: each with its own channel
/// secret and token, its own vault KEK, and B with its own content pack under its own name. A test makes one for itself
/// (<see cref="TwoAgenciesTest.NewAgencies"/>): every test has its own database, data directory and pack, so no test sees
/// another's data; the settings are a copy the test may add to before it starts a host.
/// </summary>
internal sealed class TwoAgencies : IDisposable
{
    public const string SecretA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string SecretB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public const string NameA = "เทศบาลตำบลโนนทอง";
    public const string NameB = "เทศบาลตำบลดอนแดง";

    public TwoAgencies(IDictionary<string, string?> database, string directory)
    {
        Directory = directory;
        PackOfB = new TempContentPack();
        PackOfB.Replace("agency.yaml", "name: " + NameA, "name: " + NameB);
        Settings = WhistleblowConversationTests.VaultSettings();
        foreach (var (key, value) in database)
        {
            Settings[key] = value;
        }

        Settings["ItaBot:Agencies:a:Name"] = NameA;
        Settings["ItaBot:Agencies:a:Line:ChannelSecret"] = SecretA;
        Settings["ItaBot:Agencies:a:Line:ChannelAccessToken"] = "token-a";
        Settings["ItaBot:Agencies:a:Vault:Kek"] = KekA;
        Settings["ItaBot:Agencies:b:Name"] = NameB;
        Settings["ItaBot:Agencies:b:Line:ChannelSecret"] = SecretB;
        Settings["ItaBot:Agencies:b:Line:ChannelAccessToken"] = "token-b";
        Settings["ItaBot:Agencies:b:Vault:Kek"] = KekB;
        Settings["ItaBot:Agencies:b:Content:Directory"] = PackOfB.Directory;
    }

    /// <summary>The data directory the settings name (photos and key ring stay in PostgreSQL; the host still wants one).</summary>
    public string Directory { get; }

    /// <summary>The sample pack with B's name in agency.yaml.</summary>
    public TempContentPack PackOfB { get; }

    public Dictionary<string, string?> Settings { get; }

    public string KekA { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string KekB { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A node of the deployment on these settings (<paramref name="services"/>: replacements, e.g. a clock).</summary>
    public ServiceHost Start(LineStandIn line, Action<IServiceCollection>? services = null) => new(line, Directory, services, Settings);

    public void Dispose() => PackOfB.Dispose();
}

/// <summary>Tests of a deployment with agencies a and b (see <see cref="TwoAgencies"/>).</summary>
public abstract class TwoAgenciesTest : PostgreSqlServiceTest
{
    /// <summary>Agencies a and b on a fresh database and data directory of this test; dispose it (its pack) at the end.</summary>
    private protected TwoAgencies NewAgencies()
    {
        var directory = TempDirectory.Create();
        return new TwoAgencies(OneDatabase(directory), directory);
    }
}
