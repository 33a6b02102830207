using System.ComponentModel.DataAnnotations;
using System.Net;
using ItaBot.Line.Testing;
using ItaBot.Network;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Network;

/// <summary>
/// The service behind a TLS-terminating proxy on the same machine: real Kestrel on loopback, requests carrying the
/// proxy's X-Forwarded-Proto. Cookies are read from Set-Cookie by hand (a cookie jar would not send Secure ones over http).
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task StaffSignIn_ForwardedHttpsFromAKnownProxy_SecureCookiesAndHsts()
    {
        var (staffCookie, hsts) = await SignInThroughProxyAsync(knownProxy: "127.0.0.1");

        Assert.Contains("secure", staffCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSignIn_ForwardedHttpsFromAnUnknownAddress_IsNotBelieved()
    {
        var (staffCookie, hsts) = await SignInThroughProxyAsync(knownProxy: "10.9.8.7");

        Assert.DoesNotContain("secure", staffCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Null(hsts);
    }

    [Fact]
    public void Validate_KnownProxyThatIsNoAddress_FailsNamingTheSetting()
    {
        var options = new NetworkOptions();
        options.KnownProxies.Add("10.0.0.0/8");
        options.KnownProxies.Add("proxy.example");
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains("ItaBot:Network:KnownProxies has \"proxy.example\"", Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Signs a case officer in with "X-Forwarded-Proto: https" on every request; the staff cookie and the HSTS header seen.</summary>
    private async Task<(string StaffCookie, string? Hsts)> SignInThroughProxyAsync(string knownProxy)
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?> { ["ItaBot:Network:KnownProxies:0"] = knownProxy });
        host.UseKestrel(0);
        host.StartServer();
        await StaffTestKit.AddAsync(host, "officer", StaffRole.CaseOfficer, "engineering");
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)),
        };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/staff/signin");
        Proxied(page);
        using var pageResponse = await http.SendAsync(page, TestContext.Current.CancellationToken);
        var html = await pageResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var hsts = pageResponse.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null;
        var antiforgery = pageResponse.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.af=", StringComparison.Ordinal));

        using var post = new HttpRequestMessage(HttpMethod.Post, "/staff/signin")
        {
            Content = new FormUrlEncodedContent([new("user", "officer"), new("password", StaffBrowser.Password), new("__af", StaffBrowser.Token(html))]),
        };
        Proxied(post);
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await http.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("itabot.staff=", StringComparison.Ordinal)), hsts);
    }

    private static void Proxied(HttpRequestMessage request)
    {
        request.Headers.Host = "itabot.example.go.th";   // HSTS is never sent to localhost
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
    }
}
