using System.Text;
using ItaBot.Storage;
using ItaBot.Tests.Media;
using ItaBot.Tests.Support;
using ItaBot.Vault;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.DependencyInjection;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Tests.Whistleblowing;

/// <summary>A half-written report in LINE across a restart: sealed in the vault, never readable in messaging.db.</summary>
public sealed partial class WhistleblowConversationTests
{
    [Fact]
    public async Task HalfWrittenReport_SurvivesARestart_WithItsEvidence_AndNothingReadableInMessagingDb()
    {
        var settings = VaultSettings();
        var user = Events.NewUserId();
        string directory;
        await using (var first = new ServiceHost(_line, settings: settings))
        {
            directory = first.DataDirectory;
            await Chat(first, user).TapAsync("menu=whistleblow");
            await Chat(first, user).TapAsync(WhistleblowDialog.ConsentData);
            await Chat(first, user).SayAsync(Officials);
            await Chat(first, user).SayAsync(Unit);
            await Chat(first, user).SayAsync(What);
            await Chat(first, user).SayAsync(When);
            await Chat(first, user).SayAsync(Where);
            var messageId = "ev-" + Guid.NewGuid().ToString("N");
            _line.AddContent(messageId, TestImages.PhoneJpeg(120, 90, orientation: 6, latitude: 16.2481, longitude: 101.9052), "image/jpeg");
            Assert.Contains(WhistleTexts.EvidenceReceived(1), LineChat.TextMessages(await Chat(first, user).SendAsync(LineChat.Image(user, messageId))), StringComparison.Ordinal);
            Assert.Equal(1, first.Services.GetRequiredService<AgencyVaults>().Current.DraftCount());
            var db = first.Services.GetRequiredService<MessagingStore>().Database;
            await Wait.UntilAsync(() => db.GetCollection("outbox").Count("State = 0") == 0, TimeSpan.FromSeconds(10));
        }

        var messaging = await File.ReadAllBytesAsync(Path.Combine(directory, "messaging.db"), TestContext.Current.CancellationToken);
        foreach (var secret in new[] { Officials, Unit, What, When, Where })
        {
            Assert.True(messaging.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, "an answer is readable in messaging.db");
        }

        await using var second = new ServiceHost(_line, dataDirectory: directory, settings: settings);
        var identity = LineChat.TextMessages(await Chat(second, user).TapAsync(WhistleblowDialog.NextData));
        Assert.Contains(WhistleTexts.AskIdentity, identity, StringComparison.Ordinal);
        await Chat(second, user).TapAsync(WhistleblowDialog.AnonymousData);
        var summary = LineChat.TextMessages(await Chat(second, user).TapAsync(WhistleblowDialog.NotifyNoData));
        Assert.Contains(What, summary, StringComparison.Ordinal);
        Assert.Contains("รูปถ่าย 1 รูป", summary, StringComparison.Ordinal);
        await Chat(second, user).TapAsync(WhistleblowDialog.SubmitData);

        var vault = second.Services.GetRequiredService<AgencyVaults>().Current;
        var row = Assert.Single(await vault.ListAsync("officer-1"));
        var view = await vault.ReadAsync(row.ReportId, "officer-1");
        Assert.Equal((What, Officials, Where), (view.Content.WhatHappened, view.Content.Officials, view.Content.Where));
        Assert.Single(view.Attachments);
        Assert.Equal(0, vault.DraftCount());
    }

    [Fact]
    public async Task CancelledReport_TakesItsSealedDraftWithIt()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var user = Events.NewUserId();
        await Chat(host, user).TapAsync("menu=whistleblow");
        await Chat(host, user).TapAsync(WhistleblowDialog.ConsentData);
        await Chat(host, user).SayAsync(Officials);
        var vault = host.Services.GetRequiredService<AgencyVaults>().Current;
        Assert.Equal(1, vault.DraftCount());

        await Chat(host, user).SayAsync("ยกเลิก");

        Assert.Equal(0, vault.DraftCount());
    }

    [Fact]
    public async Task ProtectedChannelOffer_CancelButtonTapped_CancelsIt_AndTheNextMessageIsNotTheOfferAgain()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var chat = new LineChat(host, _line);
        await chat.TapAsync("menu=whistleblow");

        var cancelled = LineChat.TextMessages(await chat.TapAsync("ยกเลิก"));     // the offer's ยกเลิก button: postback data "ยกเลิก"
        var next = LineChat.TextMessages(await chat.SayAsync("สวัสดีค่ะ"));

        Assert.Contains(ItaBot.Dialogs.DialogTexts.Thai.Cancelled, cancelled, StringComparison.Ordinal);
        Assert.DoesNotContain(WhistleTexts.ConsentAgain, next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhistleblowFlow_EveryWordTheBotSaysToPress_IsOnAButtonOfThatMessage()
    {
        await using var host = new ServiceHost(_line, settings: VaultSettings());
        var chat = new LineChat(host, _line);
        await chat.TapAsync("menu=whistleblow");
        await chat.SayAsync("ขอดูก่อน");
        await chat.TapAsync(WhistleblowDialog.ConsentData);
        foreach (var answer in new[] { Officials, Unit, What, When, Where })
        {
            await chat.SayAsync(answer);
        }

        await chat.SayAsync("รอก่อน");
        await chat.TapAsync(WhistleblowDialog.NextData);
        await chat.TapAsync(WhistleblowDialog.AnonymousData);
        await chat.TapAsync(WhistleblowDialog.NotifyNoData);
        await chat.SayAsync("เดี๋ยวนะ");
        await chat.TapAsync(WhistleblowDialog.EditData);

        Assert.Empty(chat.Answers.SelectMany(LineChat.PressedWordsWithoutButton));
    }
}
