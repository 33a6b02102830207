using System.Net;
using ItaBot.Line.Testing;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Staff;

/// <summary>The data-protection key ring in data/keys (it protects staff cookies and TOTP secrets) is encrypted with a key kept elsewhere.</summary>
public sealed class StaffKeyRingTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task KeyRing_AfterTotpEnrolmentAndSignIn_HoldsNoKeyInPlainForm_AndWorksAfterARestart()
    {
        var directory = TempDirectory.Create();
        var secret = StaffTotp.NewSecret();
        await using (var host = new ServiceHost(_line, directory))
        {
            await StaffTestKit.AddAsync(host, "admin1", StaffRole.Admin, totpSecret: secret);
            using var browser = new StaffBrowser(host);
            Assert.Equal("/staff", (await browser.SignInAsync("admin1", totpSecret: secret)).Headers.Location?.OriginalString);
        }

        var files = Directory.GetFiles(Path.Combine(directory, "keys"), "*.xml");
        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            var xml = File.ReadAllText(f);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);   // the raw key's element, replaced by its sealed form
            Assert.Contains("<" + StaffKeyRing.ElementName, xml, StringComparison.Ordinal);
        });

        await using var restarted = new ServiceHost(_line, directory);
        using var again = new StaffBrowser(restarted);
        var store = restarted.Services.GetRequiredService<IStaffStore>();   // forget the used code window rather than wait 30 s for the next
        await store.UpdateAsync(store.FindByUserName("admin1")!.Id, null, a => a with { TotpLastStep = 0 });
        Assert.Equal("/staff", (await again.SignInAsync("admin1", totpSecret: secret)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task KeyRing_OpenedWithAnotherKey_GivesNoSessionAndNoTotpSecret()
    {
        var directory = TempDirectory.Create();
        string stolenCookie;
        await using (var host = new ServiceHost(_line, directory))
        {
            await StaffTestKit.AddAsync(host, "officer1", StaffRole.CaseOfficer, "engineering");
            using var browser = new StaffBrowser(host);
            var signedIn = await browser.SignInAsync("officer1");
            stolenCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.staff=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using var other = new ServiceHost(_line, directory, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Staff:KeyRingKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });
        using var client = other.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", stolenCookie);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public void Validate_LineModeWithoutAKeyRingKey_FailsWithOneLineNamingTheSetting()
    {
        var validator = new StaffKeyRingValidator(Options.Create(new StorageOptions { DataDirectory = TempDirectory.Create() }));

        var result = validator.Validate(null, new StaffOptions());

        Assert.True(result.Failed);
        Assert.StartsWith("ItaBot:Staff:KeyRingKey or ItaBot:Staff:KeyRingKeyFile is required", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.FailureMessage);
    }

    [Fact]
    public void Validate_KeyFileInsideTheDataDirectory_Fails()
    {
        var data = TempDirectory.Create();
        var file = Path.Combine(data, "keyring.key");
        File.WriteAllText(file, Convert.ToBase64String(new byte[32]));
        var validator = new StaffKeyRingValidator(Options.Create(new StorageOptions { DataDirectory = data }));

        var result = validator.Validate(null, new StaffOptions { KeyRingKeyFile = file });

        Assert.True(result.Failed);
        Assert.Contains("lies inside the data directory", result.FailureMessage, StringComparison.Ordinal);
    }
}
