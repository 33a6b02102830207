using ItaBot.Dialogs.Turns;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Dialogs.Tests;

/// <summary>
/// A conversation script in Bot Builder's TestFlow style. Steps run in order on <see cref="StartTestAsync"/>.
/// Strict: every reply the bot sends must be asserted before the user speaks again and by the end of the script.
/// </summary>
internal sealed class TestFlow(DialogManager manager, FakeTimeProvider time, string conversationId = "C-1", string userId = "U-1")
{
    private readonly List<Func<Task>> _steps = [];
    private readonly Queue<Reply> _pending = new();
    private DialogTurnResult? _lastResult;

    public TestFlow Send(string text) => Send(now => Activity.Message(conversationId, userId, text, now));

    public TestFlow SendPostback(string data, string? displayText = null) =>
        Send(now => Activity.Postback(conversationId, userId, data, now, displayText));

    public TestFlow SendLocation(double latitude, double longitude, string? title = null) =>
        Send(now => Activity.SharedLocation(conversationId, userId, new GeoLocation(latitude, longitude, title), now));

    public TestFlow SendImage(string contentId) =>
        Send(now => Activity.SentAttachment(conversationId, userId, new AttachmentRef(AttachmentKind.Image, contentId), now));

    public TestFlow SendFile(string contentId, string fileName) =>
        Send(now => Activity.SentAttachment(conversationId, userId, new AttachmentRef(AttachmentKind.File, contentId, fileName), now));

    public TestFlow Send(Func<DateTimeOffset, Activity> activity)
    {
        _steps.Add(async () =>
        {
            AssertNothingPending("before the next message");
            var turn = new TurnContext(activity(time.GetUtcNow()));
            _lastResult = await manager.OnTurnAsync(turn, TestContext.Current.CancellationToken);
            foreach (var reply in turn.Replies)
            {
                _pending.Enqueue(reply);
            }
        });
        return this;
    }

    public TestFlow AssertReply(string expectedText) =>
        AssertReply(reply => Assert.Equal(expectedText, reply.Text));

    public TestFlow AssertReplyContains(string fragment) =>
        AssertReply(reply => Assert.Contains(fragment, reply.Text ?? string.Empty, StringComparison.Ordinal));

    public TestFlow AssertReplyWithChoices(string expectedText, params string[] labels) =>
        AssertReply(reply =>
        {
            Assert.Equal(expectedText, reply.Text);
            Assert.Equal(labels, reply.Choices.Select(c => c.Label));
        });

    public TestFlow AssertReply(Action<Reply> check)
    {
        _steps.Add(() =>
        {
            Assert.True(_pending.Count > 0, "The bot sent no (further) reply.");
            check(_pending.Dequeue());
            return Task.CompletedTask;
        });
        return this;
    }

    public TestFlow AssertStatus(DialogTurnStatus expected)
    {
        _steps.Add(() =>
        {
            Assert.Equal(expected, _lastResult?.Status);
            return Task.CompletedTask;
        });
        return this;
    }

    public TestFlow AssertResult(Action<object?> check)
    {
        _steps.Add(() =>
        {
            check(_lastResult?.Result);
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Lets time pass between messages.</summary>
    public TestFlow Wait(TimeSpan duration)
    {
        _steps.Add(() =>
        {
            time.Advance(duration);
            return Task.CompletedTask;
        });
        return this;
    }

    public async Task StartTestAsync()
    {
        foreach (var step in _steps)
        {
            await step();
        }

        AssertNothingPending("at the end of the script");
    }

    private void AssertNothingPending(string when)
    {
        if (_pending.Count > 0)
        {
            Assert.Fail($"Unasserted replies {when}: {string.Join(" | ", _pending.Select(r => r.Text))}");
        }
    }
}
