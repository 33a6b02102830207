using System.Net;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Agencies;

/// <summary>Each agency's public pages (<c>/report</c>, <c>/transparency</c>, <c>/privacy</c>) at <c>/a/&lt;id&gt;/…</c>; the default agency's where they always were.</summary>
public sealed class AgencyPublicPagesTests : TwoAgenciesTest
{
    private const string NameB = TwoAgencies.NameB;
    private const string What = "เจ้าหน้าที่กองช่างเรียกเงินค่าอนุญาตก่อสร้างเกินอัตรา";

    [Fact]
    public async Task ReportForm_OfAgencyB_AtItsOwnAddress_FilesInBsVault_LinksStayInB_AndKeepsTheStrictHeaders()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        using var web = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        using var form = await web.GetAsync(new Uri("/a/b/report", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await form.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(ReportPage.ContentSecurityPolicy, form.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(form.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", form.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(form.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("action=\"/a/b/report\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/a/b/report/follow-up\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/a/b/privacy\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/report\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/report/follow-up\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/report", page, StringComparison.Ordinal);

        var filed = await SubmitAsync(web, "/a/b/report");
        var receipt = WhistleblowConversationTests.ReceiptPattern().Match(filed).Value;
        Assert.NotEmpty(receipt);
        Assert.Contains("href=\"/a/b/report/follow-up\"", filed, StringComparison.Ordinal);
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        Assert.Single(await vaults.For("b").ListAsync("auditor"));
        Assert.Empty(await vaults.For(AgencyContext.DefaultId).ListAsync("auditor"));

        // The receipt opens the report at B's follow-up page only.
        using var atB = await web.PostAsync(new Uri("/a/b/report/follow-up", UriKind.Relative), new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
        using var atDefault = await web.PostAsync(new Uri("/report/follow-up", UriKind.Relative), new FormUrlEncodedContent([new("receipt", receipt)]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, atB.StatusCode);
        Assert.Contains("action=\"/a/b/report/follow-up\"", await atB.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, atDefault.StatusCode);
    }

    [Fact]
    public async Task PrivacyAndTransparency_OfAgencyB_ShowBsPages_TheDefaultKeepsTodaysAddresses_AndNothingElseIsUnderThePrefix()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        using var web = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

        var privacyOfB = await web.GetStringAsync(new Uri("/a/b/privacy", UriKind.Relative), TestContext.Current.CancellationToken);
        var privacyOfDefault = await web.GetStringAsync(new Uri("/privacy", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains(NameB, privacyOfB, StringComparison.Ordinal);
        Assert.Contains("href=\"/a/b/report\"", privacyOfB, StringComparison.Ordinal);
        Assert.DoesNotContain(NameB, privacyOfDefault, StringComparison.Ordinal);
        Assert.Contains("href=\"/report\"", privacyOfDefault, StringComparison.Ordinal);
        using var transparency = await web.GetAsync(new Uri("/a/b/transparency", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, transparency.StatusCode);
        Assert.Contains("href=\"/a/b/report\"", await transparency.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        foreach (var path in new[] { "/a/c/report", "/a/b/staff", "/a/b/staff/integrity", "/a/b/healthz", "/a/b", "/a/b/reports" })
        {
            using var response = await web.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task PrivacyLink_InAgencyBsLineChannel_PointsToBsPrivacyPage()
    {
        using var agencies = NewAgencies();
        agencies.Settings["ItaBot:Privacy:NoticeAtFirstContact"] = "true";
        await using var host = agencies.Start(Line);

        var inB = LineChat.Everything(await new LineChat(host, Line, agency: "b", secret: TwoAgencies.SecretB).SayAsync("สวัสดีค่ะ"));
        var inDefault = LineChat.Everything(await new LineChat(host, Line).SayAsync("สวัสดีค่ะ"));

        Assert.Contains("/a/b/privacy", inB, StringComparison.Ordinal);
        Assert.Contains("/privacy", inDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("/a/", inDefault, StringComparison.Ordinal);
    }

    private static async Task<string> SubmitAsync(HttpClient client, string path)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("หัวหน้ากองช่าง"), "officials" },
            { new StringContent("กองช่าง"), "unit" },
            { new StringContent(What), "what" },
            { new StringContent("anonymous"), "identity" },
            { new StringContent("yes"), "consent" },
        };
        using var submitted = await client.PostAsync(new Uri(path, UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        return await submitted.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
