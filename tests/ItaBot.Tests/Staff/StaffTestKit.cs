using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Staff;
using ItaBot.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Staff;

/// <summary>A staff member's browser against the in-process service: cookies kept, redirects not followed, forms posted with their antiforgery token.</summary>
internal sealed partial class StaffBrowser(ServiceHost host) : IDisposable
{
    public const string Password = "ยาวพอแล้ว-correct-horse";

    public HttpClient Client { get; } = host.CreateBrowserClient(cookies: true);

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public static string Token(string page) => TokenField().Match(page) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery field on the page.");

    /// <summary>Posts a form with the token from <paramref name="pageWithToken"/> (null: no token at all).</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? pageWithToken, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (pageWithToken is not null)
        {
            all.Add(new("__af", Token(pageWithToken)));
        }

        return Client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>Signs in; with a TOTP secret, answers the code step with the current code.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string password = Password, string? totpSecret = null, string? agency = null)
    {
        (string, string)[] fields = agency is null ? [("user", user), ("password", password)] : [("user", user), ("password", password), ("agency", agency)];
        var response = await PostAsync("/staff/signin", await GetPageAsync("/staff/signin"), fields);
        if (totpSecret is not null && response.Headers.Location?.OriginalString == "/staff/signin/totp")
        {
            var page = await GetPageAsync("/staff/signin/totp");
            response = await PostAsync("/staff/signin/totp", page, ("code", StaffTotp.Compute(totpSecret, TimeProvider.System.GetUtcNow())));
        }

        return response;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__af\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}

internal static class StaffTestKit
{
    /// <summary>An account with a known password (and TOTP enrolled with a code of the previous window, so the current one still works).</summary>
    public static async Task<StaffAccount> AddAsync(ServiceHost host, string user, StaffRole role, string? department = null, string? totpSecret = null)
    {
        var accounts = host.Services.GetRequiredService<StaffAccounts>();
        var (result, issued) = await accounts.CreateAsync(user, "เจ้าหน้าที่ " + user, role, department, false);
        Assert.Equal(StaffChange.Done, result);
        await accounts.SetPasswordAsync(issued!.Account.Id, StaffBrowser.Password);
        if (totpSecret is not null)
        {
            // The previous window's code is two windows old if a 30-second window ends between computing and checking
            // it (seen on a busy CI machine): then it is refused once, and the next previous window's code is taken.
            var enrolled = await accounts.EnrolTotpAsync(issued.Account.Id, totpSecret, StaffTotp.Compute(totpSecret, TimeProvider.System.GetUtcNow().AddSeconds(-30)))
                || await accounts.EnrolTotpAsync(issued.Account.Id, totpSecret, StaffTotp.Compute(totpSecret, TimeProvider.System.GetUtcNow().AddSeconds(-30)));
            Assert.True(enrolled);
        }

        return host.Services.GetRequiredService<IStaffStore>().Find(issued.Account.Id)!;
    }
}
