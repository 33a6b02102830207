using System.Text;

namespace ItaBot.Vault.Tests;

/// <summary>The facade as its callers use it (roles are the caller's business; the vault audits).</summary>
public sealed class ProtectedReportsTests
{
    [Fact]
    public async Task Submit_ReturnsNumberAndTwentyDigitReceiptGroupedByFour()
    {
        await using var f = new VaultFixture();

        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        Assert.Matches(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$", submission.Receipt);
        Assert.Equal("ท69-00001", submission.Number);   // filed in March 2026 (Bangkok): fiscal year 2569
        var second = await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        Assert.Equal("ท69-00002", second.Number);
        Assert.NotEqual(submission.Receipt, second.Receipt);
    }

    [Fact]
    public async Task Read_ByOfficer_ReturnsDecryptedContentAttachmentsAndIsAudited()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        var view = await f.Vault.ReadAsync(submission.ReportId, "officer-a");

        Assert.Equal(VaultFixture.SampleReport().Content, view.Content);
        Assert.Equal(ReportStatus.Received, view.Summary.Status);
        Assert.True(view.Summary.HasIdentity);
        Assert.True(view.Summary.NotifierOptIn);
        var attachment = Assert.Single(view.Attachments);
        Assert.Equal("ซองเงิน.jpg", attachment.FileName);
        Assert.True(attachment.HasOriginal);
        var viewing = await f.Vault.OpenAttachmentAsync(submission.ReportId, attachment.Id, "officer-a");
        Assert.Equal("VIEWING-COPY-BYTES-0001", Encoding.UTF8.GetString(viewing.Bytes));
        var original = await f.Vault.OpenOriginalAttachmentAsync(submission.ReportId, attachment.Id, "officer-a");
        Assert.Equal("ORIGINAL-WITH-EXIF-GPS-13.7563,100.5018", Encoding.UTF8.GetString(original.Bytes));

        var audit = await f.Vault.ReadAuditAsync("auditor", submission.ReportId);
        Assert.Equal(["attachment.original", "attachment.view", "report.read", "report.submit"], audit.Select(a => a.Action));
        Assert.Equal("officer-a", audit[0].Actor);
    }

    [Fact]
    public async Task Messages_OfficerAsks_ReporterReadsWithReceiptAndAnswersWithEvidence()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        await f.Vault.SendToReporterAsync(submission.ReportId, "officer-a", "ขอทราบวันที่ส่งเงินโดยประมาณค่ะ");

        var check = await f.Vault.CheckReceiptAsync(submission.Receipt.Replace(" ", "-", StringComparison.Ordinal), "line:hash-1");
        Assert.Equal(ReceiptCheckStatus.Accepted, check.Status);
        var reporter = await f.Vault.ReadAsReporterAsync(check.Access!);
        Assert.NotNull(reporter);
        Assert.Equal(ReportStatus.Received, reporter.Status);
        Assert.Equal("ขอทราบวันที่ส่งเงินโดยประมาณค่ะ", Assert.Single(reporter.Messages).Text);
        Assert.Equal(["ซองเงิน.jpg"], reporter.AttachmentNames);
        Assert.True(await f.Vault.ReplyAsReporterAsync(check.Access!, "ประมาณวันที่ 15 มกราคม"));
        Assert.True(await f.Vault.AddEvidenceAsReporterAsync(check.Access!, new NewAttachment("slip.pdf", "application/pdf", "PDF-SLIP"u8.ToArray())));

        var view = await f.Vault.ReadAsync(submission.ReportId, "officer-a");
        Assert.Equal([MessageDirection.ToReporter, MessageDirection.FromReporter], view.Messages.Select(m => m.Direction));
        Assert.Equal("ประมาณวันที่ 15 มกราคม", view.Messages[1].Text);
        Assert.Null(view.Messages[1].OfficerId);
        Assert.Equal(2, view.Attachments.Count);
        Assert.False(view.Attachments[1].HasOriginal);
    }

    [Fact]
    public async Task CheckReceipt_ThaiDigitsAndSpaces_AreAccepted()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        var thai = string.Concat(submission.Receipt.Select(c => char.IsAsciiDigit(c) ? (char)('๐' + (c - '0')) : c));

        var check = await f.Vault.CheckReceiptAsync(thai, "web:session-1");

        Assert.Equal(ReceiptCheckStatus.Accepted, check.Status);
    }

    [Fact]
    public async Task ReporterAccess_AfterLifetime_NoLongerOpensTheReport()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());
        var check = await f.Vault.CheckReceiptAsync(submission.Receipt, "web:session-1");

        f.Time.Advance(TimeSpan.FromMinutes(21));

        Assert.Null(await f.Vault.ReadAsReporterAsync(check.Access!));
        Assert.False(await f.Vault.ReplyAsReporterAsync(check.Access!, "ยังอยู่ไหมคะ"));
    }

    [Fact]
    public async Task ChangeStatus_FollowsLifecycleWithReasonsOutcomeAndAcknowledgement()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;

        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.Rejected));
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.Completed));
        f.Time.Advance(TimeSpan.FromHours(3));
        var assigned = await f.Vault.ChangeStatusAsync(id, "officer-a", ReportStatus.Assigned, assigneeId: "officer-b");
        Assert.Equal("officer-b", assigned.AssigneeId);
        Assert.Equal(f.Time.GetUtcNow(), assigned.AcknowledgedAt);
        await f.Vault.ChangeStatusAsync(id, "officer-b", ReportStatus.InProgress);
        var done = await f.Vault.ChangeStatusAsync(id, "officer-b", ReportStatus.Completed, "ตั้งกรรมการสอบข้อเท็จจริงแล้ว", ReportOutcome.Substantiated);

        Assert.Equal(ReportOutcome.Substantiated, done.Outcome);
        Assert.NotNull(done.ClosedAt);
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.ChangeStatusAsync(id, "officer-b", ReportStatus.InProgress));
        var view = await f.Vault.ReadAsync(id, "officer-b");
        Assert.Equal([ReportStatus.Assigned, ReportStatus.InProgress, ReportStatus.Completed], view.History.Select(h => h.To));
        Assert.Equal("ตั้งกรรมการสอบข้อเท็จจริงแล้ว", view.OutcomeNote);
    }

    [Fact]
    public async Task Deadlines_DefaultToThreeDaysAndFifteenDaysEndOfBangkokDay_OrComeFromTheDelegate()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;
        var summary = (await f.Vault.ReadAsync(id, "officer-a")).Summary;
        // Filed 2026-03-10 09:00 Bangkok.
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 23, 59, 59, TimeSpan.FromHours(7)), summary.AcknowledgeBy);
        Assert.Equal(new DateTimeOffset(2026, 3, 25, 23, 59, 59, TimeSpan.FromHours(7)), summary.AnswerBy);

        var due = new ReportDeadlines(new DateTimeOffset(2026, 3, 11, 16, 59, 59, TimeSpan.Zero), new DateTimeOffset(2026, 3, 25, 16, 59, 59, TimeSpan.Zero));
        await f.ReopenAsync(o => o.Deadlines = _ => due);
        var other = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;
        Assert.Equal(due.AcknowledgeBy, (await f.Vault.ReadAsync(other, "officer-a")).Summary.AcknowledgeBy);
    }

    [Fact]
    public async Task IdentityRelease_NeedsApprovalBySecondDifferentOfficer_AndEveryStepIsAudited()
    {
        await using var f = new VaultFixture();
        var id = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;

        var request = await f.Vault.RequestIdentityAsync(id, "officer-a", "ต้องเชิญผู้แจ้งให้ถ้อยคำต่อคณะกรรมการสอบสวน");
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.OpenIdentityAsync(id, request, "officer-a"));
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.DecideIdentityRequestAsync(id, request, "officer-a", approve: true));
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.DecideIdentityRequestAsync(id, request, "OFFICER-A", approve: true));
        await f.Vault.DecideIdentityRequestAsync(id, request, "officer-b", approve: true);
        await Assert.ThrowsAsync<VaultRuleException>(() => f.Vault.OpenIdentityAsync(id, request, "officer-c"));

        var identity = await f.Vault.OpenIdentityAsync(id, request, "officer-a");

        Assert.Equal("นางสาวมะลิ ผู้แจ้ง", identity.Name);
        var view = await f.Vault.ReadAsync(id, "officer-a");
        var stored = Assert.Single(view.IdentityRequests);
        Assert.Equal(IdentityRequestState.Approved, stored.State);
        Assert.Equal("officer-b", stored.DecidedBy);
        Assert.Equal("ต้องเชิญผู้แจ้งให้ถ้อยคำต่อคณะกรรมการสอบสวน", stored.Reason);
        var actions = (await f.Vault.ReadAuditAsync("auditor", id)).Select(a => (a.Actor, a.Action)).Reverse().ToList();
        Assert.Contains(("officer-a", "identity.request"), actions);
        Assert.Contains(("officer-a", "identity.decide.refused"), actions);
        Assert.Contains(("officer-b", "identity.approve"), actions);
        Assert.Contains(("officer-c", "identity.open.refused"), actions);
        Assert.Contains(("officer-a", "identity.open"), actions);
    }

    [Fact]
    public async Task NotifierAddress_OpensOnlyThroughTheNotifierCall_AndIsAudited()
    {
        await using var f = new VaultFixture();
        var withNotices = (await f.Vault.SubmitAsync(VaultFixture.SampleReport())).ReportId;
        var without = (await f.Vault.SubmitAsync(VaultFixture.SampleReport() with { NotifierLineUserId = null })).ReportId;

        Assert.Equal("U0123456789abcdef0123456789abcdef", await f.Vault.OpenNotifierAddressAsync(withNotices));
        Assert.Null(await f.Vault.OpenNotifierAddressAsync(without));
        var view = await f.Vault.ReadAsync(withNotices, "officer-a");
        Assert.DoesNotContain("U0123456789abcdef", view.ToString(), StringComparison.Ordinal);
        var audit = await f.Vault.ReadAuditAsync("auditor", withNotices);
        Assert.Contains(audit, a => a is { Action: "notifier.open", Actor: ProtectedReports.NotifierActor });
    }

    [Fact]
    public async Task Statistics_CountByStatusMonthChannelAndOutcome_InThePeriodOnly()
    {
        await using var f = new VaultFixture();
        var a = (await f.Vault.SubmitAsync(VaultFixture.SampleReport(channel: ReportChannel.Line))).ReportId;
        var b = (await f.Vault.SubmitAsync(VaultFixture.SampleReport(channel: ReportChannel.Web))).ReportId;
        f.Time.Advance(TimeSpan.FromDays(30));   // 2026-04-09
        await f.Vault.SubmitAsync(VaultFixture.SampleReport(channel: ReportChannel.Web));
        await f.Vault.ChangeStatusAsync(a, "officer-a", ReportStatus.Rejected, "ข้อมูลไม่เพียงพอ");
        await f.Vault.ChangeStatusAsync(b, "officer-a", ReportStatus.Completed, outcome: ReportOutcome.NotSubstantiated);
        f.Time.Advance(TimeSpan.FromDays(60));
        await f.Vault.SubmitAsync(VaultFixture.SampleReport(channel: ReportChannel.Letter));   // outside the period

        var stats = await f.Vault.StatisticsAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(7)), new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(7)), "ita-coordinator");

        Assert.Equal(3, stats.Total);
        Assert.Equal(2, stats.Closed);
        Assert.Equal(1, stats.Open);
        Assert.Equal(new Dictionary<string, int> { ["2026-03"] = 2, ["2026-04"] = 1 }, stats.ByMonth);
        Assert.Equal(1, stats.ByChannel[ReportChannel.Line]);
        Assert.Equal(2, stats.ByChannel[ReportChannel.Web]);
        Assert.Equal(1, stats.ByOutcome[ReportOutcome.NotAccepted]);
        Assert.Equal(1, stats.ByOutcome[ReportOutcome.NotSubstantiated]);
        Assert.Equal(1, stats.ByStatus[ReportStatus.Received]);
    }

    [Fact]
    public async Task SetNotifierAddress_ReporterOptsInLaterAndOut_WithTheReceipt()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport() with { NotifierLineUserId = null });
        var access = (await f.Vault.CheckReceiptAsync(submission.Receipt, "line:x")).Access!;

        Assert.True(await f.Vault.SetNotifierAddressAsync(access, "Uffffffffffffffffffffffffffffff01"));
        Assert.Equal("Uffffffffffffffffffffffffffffff01", await f.Vault.OpenNotifierAddressAsync(submission.ReportId));
        Assert.True(await f.Vault.SetNotifierAddressAsync(access, null));
        Assert.Null(await f.Vault.OpenNotifierAddressAsync(submission.ReportId));
        var actions = (await f.Vault.ReadAuditAsync("auditor", submission.ReportId)).Select(a => a.Action).ToList();
        Assert.Contains("notifier.set", actions);
        Assert.Contains("notifier.clear", actions);
    }

    [Fact]
    public async Task DeleteNow_RemovesTheReportBeforeItsRetentionDate_AndIsAudited()
    {
        await using var f = new VaultFixture();
        var submission = await f.Vault.SubmitAsync(VaultFixture.SampleReport());

        await f.Vault.DeleteNowAsync(submission.ReportId, "officer-a");

        await Assert.ThrowsAsync<ReportNotFoundException>(() => f.Vault.ReadAsync(submission.ReportId, "officer-a"));
        Assert.Equal(ReceiptCheckStatus.Rejected, (await f.Vault.CheckReceiptAsync(submission.Receipt, "web:y")).Status);
        Assert.Contains(await f.Vault.ReadAuditAsync("auditor", submission.ReportId), a => a is { Action: "report.delete", Actor: "officer-a" });
        Assert.True((await f.Vault.VerifyAuditAsync("auditor")).IsIntact);
    }

    [Theory]
    [InlineData("Argon2MemoryKiB")]
    [InlineData("MaxAttachmentBytes")]
    [InlineData("DefaultRetention")]
    public async Task Open_WithASettingOutOfRange_IsRefusedNamingIt(string setting)
    {
        await using var f = new VaultFixture();
        await f.CloseAsync();

        var error = Assert.Throws<InvalidOperationException>(() => f.Open(o =>
        {
            o.Argon2MemoryKiB = setting == "Argon2MemoryKiB" ? 8 : o.Argon2MemoryKiB;
            o.MaxAttachmentBytes = setting == "MaxAttachmentBytes" ? 64 * 1024 * 1024 : o.MaxAttachmentBytes;
            o.DefaultRetention = setting == "DefaultRetention" ? TimeSpan.Zero : o.DefaultRetention;
        }));

        Assert.Contains("ItaBot:Vault:" + setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_OfRecordsCarryingContentOrSecrets_ShowsNoneOfThem()
    {
        await using var f = new VaultFixture();
        var report = VaultFixture.SampleReport();
        var submission = await f.Vault.SubmitAsync(report);
        await f.Vault.SendToReporterAsync(submission.ReportId, "officer-a", "คำถามลับจากเจ้าหน้าที่");
        var request = await f.Vault.RequestIdentityAsync(submission.ReportId, "officer-a", "เหตุผลลับ");
        await f.Vault.DecideIdentityRequestAsync(submission.ReportId, request, "officer-b", approve: true);
        var check = await f.Vault.CheckReceiptAsync(submission.Receipt, "line:x");
        var view = await f.Vault.ReadAsync(submission.ReportId, "officer-a");
        var printed = string.Join("\n", new object?[]
        {
            report, report.Content, report.Identity, report.Attachments![0], submission, check, check.Access,
            view, view.Content, view.Messages[0], view.IdentityRequests[0],
            await f.Vault.ReadAsReporterAsync(check.Access!),
            await f.Vault.OpenIdentityAsync(submission.ReportId, request, "officer-a"),
            await f.Vault.OpenAttachmentAsync(submission.ReportId, view.Attachments[0].Id, "officer-a"),
        });

        foreach (var secret in new[]
        {
            "หัวหน้ากองช่าง", "นางสาวมะลิ", "0812345678", "ซองเงิน", "U0123456789abcdef", "คำถามลับ", "เหตุผลลับ",
            submission.Receipt, submission.Receipt.Replace(" ", "", StringComparison.Ordinal), check.Access!.Token,
        })
        {
            Assert.DoesNotContain(secret, printed, StringComparison.Ordinal);
        }

        Assert.Contains(submission.Number, printed, StringComparison.Ordinal);
    }
}
