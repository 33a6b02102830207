using System.Text;
using ItaBot.Conversations;
using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Webhook;

namespace ItaBot.Tests.Storage;

/// <summary>
/// What a copy of messaging.db shows of a redacted event. The acknowledgement commits the event's text before anyone
/// knows it is a report; a checkpoint may copy it into messaging.db before the turn redacts it (under load the turn comes
/// seconds later, and the protected checkpoint of an earlier report runs in between). The redaction must then erase it
/// from the data file too, not only from the latest version of the record.
/// </summary>
public sealed class LiteDbRedactionTests : StoreContract<LiteDbProvider>
{
    private const string Secret = "ปลัดสมชายเรียกรับเงินใต้โต๊ะ 30000 บาท";

    private static RawWebhookEvent Raw(string id, string text) =>
        new(id, "message", "active", 1, "U" + id, "U" + id, "token" + id, false,
            $$$"""{"webhookEventId":"{{{id}}}","message":{"type":"text","text":"{{{text}}}"}}""");

    [Theory]
    [InlineData(1)]         // a short report: one page
    [InlineData(120)]       // LINE's 5,000 characters: the record spans several pages
    public async Task RedactedEvent_CheckpointedBeforeItsTurn_LeavesNoTextInMessagingDb(int repeat)
    {
        var inbox = Get<IInboxStore>();
        var maintenance = Get<IStoreMaintenance>();
        await inbox.AppendAsync("bot", [Raw("P", string.Concat(Enumerable.Repeat(Secret + " ", repeat)))]);
        Assert.True(maintenance.TryForgetEarlierVersions(out _));
        Assert.True(Contains(ReadDataFile(), Secret), "the test needs the text in messaging.db before the redaction");

        await Get<IOutboxStore>().CompleteTurnAsync("P", null, work => inbox.Redact(work, "P"));
        Assert.True(maintenance.TryForgetEarlierVersions(out _));

        Assert.False(Contains(ReadDataFile(), Secret), "the redacted event's text is still readable in messaging.db");
    }

    private byte[] ReadDataFile()
    {
        using var file = new FileStream(Path.Combine(DataDirectory, "messaging.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
