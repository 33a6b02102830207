using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Complaints;
using ItaBot.Conversations;
using ItaBot.Migration;
using ItaBot.Migration.LiteDb;
using ItaBot.Notifications;
using ItaBot.Privacy;
using ItaBot.QandA;
using ItaBot.Reports;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Tests.Media;
using ItaBot.Tests.Staff;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Migration;

/// <summary>
/// <c>migrate --from-litedb DIR --agency ID</c> (issue 18 item 5): a LiteDB data directory that a service filled (the seed
/// command, a complaint with a photo filed in LINE, staff, a privacy request, a form half filled, a report compiled) is
/// copied into PostgreSQL with every store's count equal, and a PostgreSQL service shows the migrated case to the migrated
/// admin, whose TOTP still works.
/// </summary>
public sealed class MigrateFromLiteDbTests : PostgreSqlServiceTest
{
    [Fact]
    public async Task Migrate_SeededLiteDbDirectory_EveryCountEqualAndTheCaseShownOnThePostgreSqlStaffPage()
    {
        var directory = TempDirectory.Create();
        var totp = StaffTotp.NewSecret();
        CaseRecord filed;
        Submission report;
        long usedStep;
        // A staff group, so the complaint filed in LINE leaves notifications to copy.
        var staffGroup = new Dictionary<string, string?> { ["ItaBot:Notifications:StaffGroupId"] = "C0123456789abcdef0123456789abcdef" };
        await using (var lite = new ServiceHost(Line, dataDirectory: directory, settings: staffGroup))
        {
            Assert.Equal(0, await Run(lite, "seed", "--cases", "300", "--fiscal-years", "2569-2570"));
            Assert.Equal(0, await Run(lite, "reports", "compile", "--period", "fy2570"));
            await StaffTestKit.AddAsync(lite, "admin1", StaffRole.Admin, totpSecret: totp);
            await StaffTestKit.AddAsync(lite, "officer1", StaffRole.CaseOfficer, "engineering");
            filed = await FileComplaintWithPhotoAsync(lite);
            // A protected report with evidence, beside the seed's: the vault comes along too.
            report = await lite.Services.GetRequiredService<AgencyVaults>().Current.SubmitAsync(new NewReport(ReportChannel.Web,
                new ReportContent("ปลัดเรียกรับเงินสองหมื่นบาทแลกกับใบอนุญาตก่อสร้าง"), Attachments: [new NewAttachment("slip.jpg", "image/jpeg", TestImages.Jpeg(200, 100))]));
            await lite.Services.GetRequiredService<PrivacyRequests>().CreateAsync(PrivacyRequestKind.Erasure, null, "ผู้ขอ", "0812345678", null, "admin1");
            var halfway = new LineChat(lite, Line);
            await halfway.TapAsync("menu=complaint");   // a form under way: dialog state to carry over
            using var admin = new StaffBrowser(lite);
            await admin.SignInAsync("admin1", totpSecret: totp);
            usedStep = TotpStep();
            Assert.Contains(filed.Number, await admin.GetPageAsync("/staff/cases/" + Uri.EscapeDataString(filed.Number)), StringComparison.Ordinal);   // an access record
            await lite.NothingLeftToSendAsync();
        }

        IReadOnlyList<(string Store, long Count)> expected;
        IReadOnlyList<int> years;
        await using (var source = LiteDbAgencySource.Open(directory, TimeProvider.System, NullLoggerFactory.Instance)!)
        {
            years = source.CounterYears();
            expected = AgencyCounts.Of(source.Stores, years);
        }

        // Every kind of record is there to be copied, so an equal count means something.
        foreach (var store in new[] { "cases", "case photos", "staff accounts", "departments", "notifications", "Q&A log lines", "handovers", "service visits",
                     "report snapshots", "privacy requests", "access records", "conversations under way" })
        {
            Assert.True(expected.Single(c => c.Store == store).Count > 0, store + " is empty in the seeded directory");
        }

        Assert.Equal(301, expected.Single(c => c.Store == "cases").Count);
        var settings = OneDatabase();
        await using var pg = new ServiceHost(Line, settings: settings);
        var output = new StringWriter();

        var exit = await CommandLine.TryRunAsync(pg.Services, ["migrate", "--from-litedb", directory, "--agency", AgencyContext.DefaultId], output);

        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("every count equal", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"vault reports +([1-9][0-9]*) -> +\1\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Matches(@"vault evidence copies +([1-9][0-9]*) -> +\1\n", output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("vault audit chain verified on PostgreSQL: intact", output.ToString(), StringComparison.Ordinal);
        var stores = pg.Services;
        var copied = AgencyCounts.Of(new AgencyStores(
            stores.GetRequiredService<ICaseStore>(), stores.GetRequiredService<IStaffStore>(), stores.GetRequiredService<INotificationStore>(),
            stores.GetRequiredService<IQaStore>(), stores.GetRequiredService<IReportSnapshotStore>(), stores.GetRequiredService<IServiceVisitStore>(),
            stores.GetRequiredService<IPrivacyStore>(), stores.GetRequiredService<IConversationStateStore>(),
            stores.GetRequiredService<IConversationStateStore>().Count), years);
        Assert.Equal(expected.Where(c => c.Store != "departments"), copied.Where(c => c.Store != "departments"));

        // The case and its photo on the PostgreSQL service's staff page, for the migrated admin (TOTP opens: the key ring came too).
        var migrated = stores.GetRequiredService<ICaseStore>().GetByNumber(filed.Number)!;
        Assert.Equal(filed.Timeline.Count, migrated.Timeline.Count);
        using var officer = new StaffBrowser(pg);
        // The last TOTP step used came along with the account (a code is good once): sign in with the next one.
        while (TotpStep() <= usedStep)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.Equal("/staff", (await officer.SignInAsync("admin1", totpSecret: totp)).Headers.Location?.OriginalString);
        var page = await officer.GetPageAsync("/staff/cases/" + Uri.EscapeDataString(filed.Number));
        Assert.Contains(filed.Description, page, StringComparison.Ordinal);
        var photo = $"/staff/cases/{Uri.EscapeDataString(filed.Number)}/photos/{Assert.Single(migrated.Photos).Id}";
        Assert.Contains(photo, page, StringComparison.Ordinal);
        var served = await officer.Client.GetByteArrayAsync(photo);
        Assert.Equal(Assert.Single(filed.Photos).Bytes, served.LongLength);

        // The integrity officer reads the migrated protected report and its evidence on a PostgreSQL node (started after the move).
        await using (var node = new ServiceHost(Line, settings: settings))
        {
            var integritySecret = StaffTotp.NewSecret();
            await StaffTestKit.AddAsync(node, "integrity1", StaffRole.IntegrityOfficer, totpSecret: integritySecret);
            using var integrity = new StaffBrowser(node);
            Assert.Equal("/staff", (await integrity.SignInAsync("integrity1", totpSecret: integritySecret)).Headers.Location?.OriginalString);
            Assert.Contains(report.Number, await integrity.GetPageAsync("/staff/integrity"), StringComparison.Ordinal);
            var protectedPage = await integrity.GetPageAsync("/staff/integrity/" + report.ReportId);
            Assert.Contains("ปลัดเรียกรับเงินสองหมื่นบาทแลกกับใบอนุญาตก่อสร้าง", protectedPage, StringComparison.Ordinal);
            Assert.Contains("slip.jpg", protectedPage, StringComparison.Ordinal);
            Assert.True((await node.Services.GetRequiredService<AgencyVaults>().Current.VerifyAuditAsync("auditor")).IsIntact);
        }

        // Run again: refused, nothing copied twice.
        var again = new StringWriter();
        Assert.Equal(1, await CommandLine.TryRunAsync(pg.Services, ["migrate", "--from-litedb", directory, "--agency", AgencyContext.DefaultId], again));
        Assert.Contains("already holds data", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(301, stores.GetRequiredService<ICaseStore>().Census().Cases);
    }

    private static long TotpStep() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30;

    private static async Task<int> Run(ServiceHost host, params string[] args) =>
        await CommandLine.TryRunAsync(host.Services, args, new StringWriter()) ?? -1;

    private async Task<CaseRecord> FileComplaintWithPhotoAsync(ServiceHost host)
    {
        var chat = new LineChat(host, Line);
        await chat.TapAsync("menu=complaint");
        await chat.TapAsync(ComplaintDialog.CategoryPrefix + "street-light");
        await chat.SayAsync("ไฟถนนหน้าบ้านเลขที่ 12 ดับมา 3 คืนแล้วค่ะ");
        Line.AddContent("migrate-img-1", TestImages.Jpeg(640, 480), "image/jpeg");
        await chat.SendAsync(LineChat.Image(chat.User, "migrate-img-1"));
        await chat.TapAsync(ComplaintDialog.NextData);
        await chat.SendAsync(LineChat.SharedLocation(chat.User, 16.2481, 101.9052, "ซอย 3", "ซอย 3"));
        await chat.TapAsync(ComplaintDialog.ContactLineData);
        await chat.TapAsync(ComplaintDialog.SubmitData);
        return Assert.Single(host.Services.GetRequiredService<ICaseStore>().ListForCitizen(chat.User, 10));
    }
}
