namespace ItaBot.Notifications;

internal enum NotificationState
{
    /// <summary>Waiting for its first push.</summary>
    Pending = 0,

    /// <summary>LINE accepted it (200, or 409 for its retry key: accepted earlier).</summary>
    Sent = 1,

    /// <summary>The last push failed; it is tried again at <see cref="Notification.NextAttemptAt"/>.</summary>
    Failed = 2,

    /// <summary>LINE kept refusing it (e.g. the bot is blocked); kept with its last error for a person to see.</summary>
    Parked = 3,
}

/// <summary>
/// One LINE push to one recipient, written in the same store write as the change that caused it. The id is
/// deterministic where a repeat must not notify twice ("deadline-missed:{caseId}:answer:staff:{staffId}") and never
/// contains a LINE id, because ids appear in logs and in the Hangfire dashboard; <see cref="To"/> is never logged.
/// </summary>
internal sealed record Notification
{
    public required string Id { get; init; }

    /// <summary>What it is about, e.g. "case-new", "citizen-status", "deadline-missed", "digest".</summary>
    public required string Kind { get; init; }

    public string? CaseId { get; init; }

    /// <summary>LINE user id or group id.</summary>
    public required string To { get; init; }

    /// <summary>The JSON array of LINE message objects (Thai text, Flex), sent as is on every attempt.</summary>
    public required string MessagesJson { get; init; }

    public required DateTime CreatedAt { get; init; }

    public NotificationState State { get; init; }

    public int Attempts { get; init; }

    /// <summary>HTTP status of the last attempt (0: no answer from LINE).</summary>
    public int? LastStatus { get; init; }

    /// <summary>What LINE said the last time it failed; never holds the recipient.</summary>
    public string? LastError { get; init; }

    /// <summary>When the next push is due (the creation time for a new one).</summary>
    public required DateTime NextAttemptAt { get; init; }

    public DateTime? SentAt { get; init; }

    /// <summary>How it reached LINE: null for a push, "reply" when it went out with the recipient's next reply instead.</summary>
    public string? Via { get; init; }

    /// <summary>
    /// X-Line-Retry-Key of every push of this notification: a UUID derived from the id, so a restart reuses it; another
    /// agency's (its notification is pushed in its context) from its id too, since ids like a month's summary repeat per agency.
    /// </summary>
    public Guid RetryKey => RetryKeys.For(Storage.AgencyContext.Captured is { } agency ? agency + "/" + Id : Id);
}

/// <summary>Name-based UUIDs (RFC 9562 version 5, SHA-1) in a namespace of our own: the same id always gives the same key.</summary>
internal static class RetryKeys
{
    private static readonly byte[] Namespace = Guid.Parse("4f6d2b0e-7a51-4c1e-9a63-1b7e0c2d9f45").ToByteArray(bigEndian: true);

    public static Guid For(string notificationId)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(notificationId);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 names for version 5; this is an identifier, not security.
        var hash = System.Security.Cryptography.SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
