using ItaBot.Cases;
using ItaBot.Conversations;
using ItaBot.Privacy;
using ItaBot.Storage;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Webhook;
using Microsoft.Extensions.DependencyInjection;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Privacy;

/// <summary>Requests made in LINE: recorded in the turn's commit, worded from the settings, and never near the vault.</summary>
public sealed partial class PrivacyRequestsTests
{
    [Theory]
    [InlineData("access")]
    [InlineData("erasure")]
    public async Task RequestInATurnThatRunsAgain_IsRecordedOnce(string kind)
    {
        // The turn that records the request fails once after its dialog ran (as a crash before the commit would), then runs again.
        var failing = new FailsOnce(kind == "access" ? 1 : 2);
        await using var host = new ServiceHost(_line, services: s => FailsOnce.Wrap(s, failing));
        var chat = new LineChat(host, _line);

        string answer;
        if (kind == "access")
        {
            answer = LineChat.Text(await chat.SayAsync("ขอดูข้อมูลของฉัน"));
        }
        else
        {
            await chat.SayAsync("ลบข้อมูลของฉัน");
            answer = LineChat.Text(await chat.TapAsync(PrivacyRequestDialog.ConfirmEraseData));
        }

        Assert.True(failing.Failed);
        var request = Assert.Single(host.Services.GetRequiredService<PrivacyRequests>().List());
        Assert.Contains(request.Number, answer, StringComparison.Ordinal);
        var copies = host.Services.GetRequiredService<MessagingStore>().Database.GetCollection(ItaBot.Privacy.LiteDb.LiteDbPrivacyStore.CopyCollection).Count();
        Assert.Equal(kind == "access" ? 1 : 0, copies);
    }

    [Fact]
    public async Task ChatAnswers_StateTheRetentionAndDeadlineTheSettingsApply()
    {
        await using var host = new ServiceHost(_line, settings: new Dictionary<string, string?>
        {
            ["ItaBot:Storage:RetentionDays"] = "14", ["ItaBot:Privacy:RequestDeadlineDays"] = "20",
        });
        var chat = new LineChat(host, _line);

        var summary = LineChat.Text(await chat.SayAsync("ขอดูข้อมูลของฉัน"));
        var erase = LineChat.Text(await chat.SayAsync("ลบข้อมูลของฉัน"));

        Assert.Contains("(เก็บ 14 วัน)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("30 วัน", summary, StringComparison.Ordinal);
        Assert.Contains("ภายใน 20 วัน", erase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_NeverReachTheVault_NotForTheReporterNorForThePersonNamedInTheReport()
    {
        await using var host = new ServiceHost(_line);
        var (alice, bob) = (Events.NewUserId(), Events.NewUserId());
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        // Alice reports Bob to the protected channel and asks for status notices in LINE (the vault keeps her id sealed);
        // both also have an ordinary complaint, Bob's with the phone the report names.
        var report = await vault.SubmitAsync(new NewReport(ReportChannel.Line,
            new ReportContent("นายบ็อบ ช่างโยธา เรียกเงินใต้โต๊ะ โทร 0899999999", "นายบ็อบ", "กองช่าง"), NotifierLineUserId: alice));
        var hers = await FileAsync(host, alice, "ไฟถนนหน้าบ้านอลิซดับ", "0811111111");
        var his = await FileAsync(host, bob, "ขยะหน้าบ้านบ็อบ", "0899999999");
        var requests = host.Services.GetRequiredService<PrivacyRequests>();
        var auditedBefore = (await vault.ReadAuditAsync("auditor")).Max(e => e.Sequence);

        var aliceSees = LineChat.Text(await new LineChat(host, _line, alice).SayAsync("ขอดูข้อมูลของฉัน"));
        var bobSees = LineChat.Text(await new LineChat(host, _line, bob).SayAsync("ขอดูข้อมูลของฉัน"));
        var atTheOffice = await requests.CreateAsync(PrivacyRequestKind.Access, null, "นายบ็อบ", "0899999999", null, "s1");
        var copies = string.Join("\n", requests.List().Select(r => requests.Gather(r).ToJson()));
        var cases = Cases(host);
        await cases.ChangeStatusAsync(hers.Id, cases.Get(hers.Id)!.Version, CaseStatus.Completed, "s1", "ซ่อมแล้ว");
        var erasure = await requests.CreateAsync(PrivacyRequestKind.Erasure, alice, null, null, null, PrivacyRequests.CitizenActor);
        Assert.Equal(PrivacyDecisionOutcome.Decided, (await requests.DecideAsync(erasure.Id, complete: true, null, "s1", "สมชาย")).Outcome);

        Assert.Contains(hers.Number, aliceSees, StringComparison.Ordinal);
        Assert.Contains(his.Number, bobSees, StringComparison.Ordinal);
        Assert.Contains(his.Number, requests.Gather(atTheOffice).ToJson(), StringComparison.Ordinal);
        foreach (var text in (string[])[report.Number, report.ReportId, "เรียกเงินใต้โต๊ะ", "นายบ็อบ", "กองช่าง", "ร้องเรียนการทุจริต", "เบาะแส"])
        {
            Assert.DoesNotContain(text, aliceSees + bobSees + copies, StringComparison.Ordinal);
        }

        // Nothing in the vault was read, exported, changed or deleted for any request or decision.
        Assert.DoesNotContain(await vault.ReadAuditAsync("auditor"), e => e.Sequence > auditedBefore && e.Action != "audit.read");
        var kept = await vault.ReadAsync(report.ReportId, "auditor");
        Assert.Contains("เรียกเงินใต้โต๊ะ", kept.Content.WhatHappened, StringComparison.Ordinal);
    }

    /// <summary>Lets every turn's dialog run, but throws instead of committing the <c>call</c>-th turn once.</summary>
    private sealed class FailsOnce(int call)
    {
        private int _calls;

        private int Call { get; } = call;

        public bool Failed { get; private set; }

        public static void Wrap(IServiceCollection services, FailsOnce failing)
        {
            var original = services.Last(d => d.ServiceType == typeof(ITurnHandler));
            services.Remove(original);
            services.AddSingleton<ITurnHandler>(sp => new Handler((ITurnHandler)original.ImplementationFactory!(sp), failing));
        }

        private sealed class Handler(ITurnHandler inner, FailsOnce failing) : ITurnHandler
        {
            public async ValueTask<TurnOutcome> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
            {
                var outcome = await inner.HandleAsync(turn, cancellationToken);
                if (Interlocked.Increment(ref failing._calls) == failing.Call)
                {
                    failing.Failed = true;
                    throw new InvalidOperationException("The turn failed before its commit (test).");
                }

                return outcome;
            }
        }
    }
}
