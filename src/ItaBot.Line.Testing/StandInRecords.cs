namespace ItaBot.Line.Testing;

/// <summary>One message-sending call LINE accepted. <c>To</c> is the pushed-to id, or the multicast ids joined by commas.</summary>
public sealed record StandInSend(string Kind, string? ReplyToken, string? To, string MessagesJson, string? RetryKey, DateTimeOffset At)
{
    /// <summary>The channel access token the call came with: which LINE channel sent it, when one service speaks for several.</summary>
    public string? ChannelToken { get; init; }
}

/// <summary>A send call that reached the stand-in while LINE was down (kept hanging): its path's last segment ("reply", "push", …) and retry key.</summary>
public sealed record StandInOutageCall(string Kind, string? RetryKey);

/// <summary>What the stand-in counted since it started (or was reset).</summary>
/// <param name="Replies">Replies accepted.</param>
/// <param name="RejectedReplies">Replies refused for their reply token (used, refused or missing).</param>
/// <param name="Pushes">Pushes accepted.</param>
/// <param name="DuplicatePushes">Pushes and multicasts refused with 409 for an already accepted retry key.</param>
/// <param name="Multicasts">Multicasts accepted.</param>
/// <param name="InjectedFailures">Calls answered with a failure set by <see cref="LineStandIn.FailNext"/>.</param>
public sealed record StandInCounts(int Replies, int RejectedReplies, int Pushes, int DuplicatePushes, int Multicasts, int InjectedFailures)
{
    /// <summary>Pushes and multicasts refused with 429 "You have reached your monthly limit."</summary>
    public int RefusedOverQuota { get; init; }

    /// <summary>Narrowcasts accepted.</summary>
    public int Narrowcasts { get; init; }

    /// <summary>Broadcasts accepted.</summary>
    public int Broadcasts { get; init; }
}

/// <summary>Content a user sent (an image, video, audio or file), as the data host serves it.</summary>
public sealed record StandInContent(byte[] Data, string ContentType)
{
    /// <summary>Downloads still to answer 202 (LINE is preparing the content).</summary>
    public int NotReadyFor { get; init; }

    /// <summary>Downloads answer 410 (the user unsent it, or LINE's retention passed).</summary>
    public bool Gone { get; init; }
}

/// <summary>A rich menu as created (its JSON, with <c>richMenuId</c>), and its image once uploaded.</summary>
public sealed record StandInRichMenu(string Id, string Json, byte[]? Image, string? ImageContentType);

/// <summary>What the stand-in checked against LINE's schema and limits since it started (or was reset).</summary>
/// <param name="CheckedRequests">Send requests (reply, push, multicast, narrowcast, broadcast, validate) checked.</param>
/// <param name="CheckedMessages">Messages in the checked requests.</param>
/// <param name="RefusedRequests">Send requests refused with 400 for what LINE's schema or limits refuse.</param>
/// <param name="RefusedMessages">Messages in the refused requests.</param>
public sealed record StandInChecks(int CheckedRequests, int CheckedMessages, int RefusedRequests, int RefusedMessages);
