namespace ItaBot.Dialogs.Turns;

/// <summary>One turn: the incoming activity and the replies the dialogs produce for it.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>The replies sent so far in this turn, in order.</summary>
    IReadOnlyList<Reply> Replies { get; }

    /// <summary>True once anything was sent in this turn.</summary>
    bool Responded { get; }

    Task SendAsync(Reply reply, CancellationToken cancellationToken = default);
}

/// <summary>
/// Collects replies; the host sends them once the turn (and its state save) succeeded, so a turn that
/// loses a state conflict can be run again without the user seeing anything twice.
/// </summary>
public sealed class TurnContext(Activity activity) : ITurnContext
{
    private readonly List<Reply> _replies = [];

    public Activity Activity { get; } = activity;

    public IReadOnlyList<Reply> Replies => _replies;

    public bool Responded => _replies.Count > 0;

    public Task SendAsync(Reply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        cancellationToken.ThrowIfCancellationRequested();
        _replies.Add(reply);
        return Task.CompletedTask;
    }
}

public static class TurnContextExtensions
{
    public static Task SendTextAsync(this ITurnContext turnContext, string text, CancellationToken cancellationToken = default) =>
        turnContext.SendAsync(Reply.FromText(text), cancellationToken);
}
