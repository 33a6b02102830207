using System.Net;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Tests.Whistleblowing;
using ItaBot.Vault;
using ItaBot.Vault.Storage.PostgreSql;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ItaBot.Tests.Agencies;

/// <summary>
/// A whistleblower vault per agency (issue 18 item 3: "a different vault key per agency; no officer of one agency sees
/// another's reports"): two agencies on one PostgreSQL database, each agency's reports in its own rows under its own KEK.
/// </summary>
public sealed class AgencyVaultsTests : TwoAgenciesTest
{
    private const string What = "ปลัดเทศบาลเรียกรับเงินจากผู้รับเหมาโครงการถนนหมู่ 7";

    [Fact]
    public async Task LineReport_InAgencyBsChannel_IsReadByBsIntegrityOfficer_AndAsOfficerFindsItNeitherInTheListNorByUrl()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var chat = new LineChat(host, Line, agency: "b", secret: TwoAgencies.SecretB);
        await chat.TapAsync("menu=whistleblow");
        await chat.TapAsync(WhistleblowDialog.ConsentData);
        foreach (var answer in new[] { "ปลัดเทศบาล", "สำนักปลัด", What, "มีนาคม", "สำนักงานเทศบาล" })
        {
            await chat.SayAsync(answer);
        }

        await chat.TapAsync(WhistleblowDialog.NextData);
        await chat.TapAsync(WhistleblowDialog.AnonymousData);
        await chat.TapAsync(WhistleblowDialog.NotifyNoData);
        Assert.Matches(WhistleblowConversationTests.ReceiptPattern(), LineChat.TextMessages(await chat.TapAsync(WhistleblowDialog.SubmitData)));

        var secret = StaffTotp.NewSecret();
        using (AgencyContext.Enter("a"))
        {
            await StaffTestKit.AddAsync(host, "integrity-a", StaffRole.IntegrityOfficer, totpSecret: secret);
        }

        using (AgencyContext.Enter("b"))
        {
            await StaffTestKit.AddAsync(host, "integrity-b", StaffRole.IntegrityOfficer, totpSecret: secret);
        }

        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        var filed = Assert.Single(await vaults.For("b").ListAsync("auditor"));
        Assert.Empty(await vaults.For("a").ListAsync("auditor"));
        Assert.Empty(await vaults.For(AgencyContext.DefaultId).ListAsync("auditor"));

        using var officerB = new StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await officerB.SignInAsync("integrity-b", totpSecret: secret, agency: "b")).StatusCode);
        Assert.Contains(filed.Number, await officerB.GetPageAsync("/staff/integrity"), StringComparison.Ordinal);
        Assert.Contains(What, await officerB.GetPageAsync("/staff/integrity/" + filed.ReportId), StringComparison.Ordinal);

        using var officerA = new StaffBrowser(host);
        Assert.Equal(HttpStatusCode.Redirect, (await officerA.SignInAsync("integrity-a", totpSecret: secret, agency: "a")).StatusCode);
        Assert.DoesNotContain(filed.Number, await officerA.GetPageAsync("/staff/integrity"), StringComparison.Ordinal);
        using var guessed = await officerA.Client.GetAsync(new Uri("/staff/integrity/" + filed.ReportId, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.DoesNotContain(What, await guessed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var page = await officerA.GetPageAsync("/staff/integrity");
        using var acted = await officerA.PostAsync($"/staff/integrity/{filed.ReportId}/message", page, ("text", "ขอข้อมูลเพิ่มเติมค่ะ"));
        Assert.Equal(HttpStatusCode.NotFound, acted.StatusCode);
        Assert.Empty((await vaults.For("b").ReadAsync(filed.ReportId, "auditor")).Messages);
    }

    [Fact]
    public async Task VaultRows_OfAgencyB_OpenWithBsKek_AndNotWithAsOrTheDefaultKey()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        Submission filed;
        using (AgencyContext.Enter("b"))
        {
            filed = await vaults.Current.SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));
        }

        await using var database = NpgsqlDataSource.Create(Database!);
        Assert.Equal(1, Scalar(database, "select count(*) from vault_reports where agency_id = 'b'"));
        Assert.Equal(0, Scalar(database, "select count(*) from vault_reports where agency_id <> 'b'"));

        // B's rows opened by a vault with another agency's KEK, or the default one's: refused before anything is read.
        foreach (var wrong in new[] { agencies.KekA, agencies.Settings["ItaBot:Vault:Kek"]! })
        {
            var error = Assert.Throws<InvalidOperationException>(() => VaultPostgreSql.Open(Options(wrong), TimeProvider.System, null, database, "b"));
            Assert.Contains("does not open", error.Message, StringComparison.Ordinal);
        }

        await using var withB = VaultPostgreSql.Open(Options(agencies.KekB), TimeProvider.System, null, database, "b");
        Assert.Equal(What, (await withB.ReadAsync(filed.ReportId, "auditor")).Content.WhatHappened);
    }

    [Fact]
    public async Task ReceiptAndHandle_OfAgencyBsReport_OpenNothingInAgencyA()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        var filed = await vaults.For("b").SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));

        var inA = await vaults.For("a").CheckReceiptAsync(filed.Receipt, "source-1", TestContext.Current.CancellationToken);
        var inDefault = await vaults.For(AgencyContext.DefaultId).CheckReceiptAsync(filed.Receipt, "source-1", TestContext.Current.CancellationToken);
        var inB = await vaults.For("b").CheckReceiptAsync(filed.Receipt, "source-1", TestContext.Current.CancellationToken);

        Assert.Equal(ReceiptCheckStatus.Rejected, inA.Status);
        Assert.Equal(ReceiptCheckStatus.Rejected, inDefault.Status);
        Assert.Equal(ReceiptCheckStatus.Accepted, inB.Status);
        var handle = inB.Access!;
        Assert.False(vaults.For("a").HoldsAccess(handle));
        Assert.Null(await vaults.For("a").ReadAsReporterAsync(handle));
        Assert.False(await vaults.For("a").ReplyAsReporterAsync(handle, "ข้อมูลเพิ่มเติมค่ะ"));
        Assert.Equal(filed.Number, (await vaults.For("b").ReadAsReporterAsync(handle))!.Number);
    }

    [Fact]
    public async Task VaultVerify_WithAgency_ChecksThatAgencysChainOnly()
    {
        using var agencies = NewAgencies();
        await using var host = agencies.Start(Line);
        var vaults = host.Services.GetRequiredService<AgencyVaults>();
        await vaults.For("a").SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What)));
        await vaults.For("a").SubmitAsync(new NewReport(ReportChannel.Web, new ReportContent(What + " อีกเรื่อง")));
        await vaults.For("b").SubmitAsync(new NewReport(ReportChannel.Line, new ReportContent(What)));

        using var ofA = new StringWriter();
        using var ofB = new StringWriter();
        using var ofDefault = new StringWriter();
        Assert.Equal(0, await ItaBot.Cli.CommandLine.TryRunAsync(host.Services, ["vault", "verify", "--agency", "a"], ofA));
        Assert.Equal(0, await ItaBot.Cli.CommandLine.TryRunAsync(host.Services, ["vault", "verify", "--agency", "b"], ofB));
        Assert.Equal(0, await ItaBot.Cli.CommandLine.TryRunAsync(host.Services, ["vault", "verify"], ofDefault));

        Assert.Contains("Audit chain intact: 2 entries.", ofA.ToString(), StringComparison.Ordinal);
        Assert.Contains("Audit chain intact: 1 entries.", ofB.ToString(), StringComparison.Ordinal);
        Assert.Contains("Audit chain intact: 0 entries.", ofDefault.ToString(), StringComparison.Ordinal);
    }

    private static VaultOptions Options(string kek) => new()
    {
        Kek = kek,
        DataDirectory = TempDirectory.Create(),
        Argon2MemoryKiB = 1024,
        Argon2Passes = 1,
    };
}
