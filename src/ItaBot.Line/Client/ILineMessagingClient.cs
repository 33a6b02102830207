using ItaBot.Line.Messages;

namespace ItaBot.Line.Client;

/// <summary>
/// The LINE Messaging API calls a bot makes. Binary calls (content, rich-menu images) go to the data host.
/// Every failure surfaces as <see cref="LineApiException"/>.
/// </summary>
public partial interface ILineMessagingClient
{
    /// <summary>Replies with a single-use reply token. Never carries a retry key.</summary>
    Task<SentMessagesResponse> ReplyAsync(string replyToken, IReadOnlyList<Message> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pushes to a user, group or room. The same <paramref name="retryKey"/> is sent on every attempt; a 409 for that
    /// key means LINE already accepted it and is returned as success with <see cref="SentMessagesResponse.AlreadyAccepted"/>.
    /// </summary>
    Task<SentMessagesResponse> PushAsync(string to, IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replies with messages already serialised as LINE's JSON array of message objects (as an outbox keeps an answer), so
    /// that they are not serialised again for each attempt. Not checked against LINE's limits here: check the messages
    /// (<see cref="MessageValidator"/>) when they are made.
    /// </summary>
    Task<SentMessagesResponse> ReplyJsonAsync(string replyToken, string messagesJson, CancellationToken cancellationToken = default);

    /// <summary>Pushes messages already serialised as LINE's JSON array; same retry-key rules as <see cref="PushAsync(string, IReadOnlyList{Message}, Guid, CancellationToken)"/>, same checks as <see cref="ReplyJsonAsync"/>.</summary>
    Task<SentMessagesResponse> PushJsonAsync(string to, string messagesJson, Guid retryKey, CancellationToken cancellationToken = default);

    /// <summary>Sends the same messages to up to 500 users. Same retry-key rules as push.</summary>
    Task MulticastAsync(IReadOnlyList<string> to, IReadOnlyList<Message> messages, Guid retryKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Push with LINE's optional settings: no notification sound, or a custom aggregation unit to count its opens and
    /// clicks under (<see cref="SendOptions"/>). Same retry-key rules as the push without them.
    /// </summary>
    Task<SentMessagesResponse> PushAsync(string to, IReadOnlyList<Message> messages, Guid retryKey, SendOptions options, CancellationToken cancellationToken = default);

    /// <summary>Multicast with LINE's optional settings (<see cref="SendOptions"/>).</summary>
    Task MulticastAsync(IReadOnlyList<string> to, IReadOnlyList<Message> messages, Guid retryKey, SendOptions options, CancellationToken cancellationToken = default);

    /// <summary>Reads a user's display name, picture, status message and language (the user must have added the bot).</summary>
    Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Downloads what a user sent (image, video, audio, file) from the data host.</summary>
    /// <exception cref="LineContentNotReadyException">LINE answered 202: a large video or audio is still being prepared.</exception>
    /// <exception cref="LineApiException">410 when the user unsent the message; 404 when unknown.</exception>
    Task<MessageContent> GetMessageContentAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads what a user sent, reading at most <paramref name="maxBytes"/>: a longer body (by its Content-Length,
    /// or while it streams in) is abandoned at once, so a huge upload is never buffered.
    /// </summary>
    /// <exception cref="LineContentTooLargeException">The content is longer than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="LineContentNotReadyException">LINE answered 202: the content is still being prepared.</exception>
    /// <exception cref="LineApiException">410 when the user unsent the message or it expired; 404 when unknown.</exception>
    Task<MessageContent> GetMessageContentAsync(string messageId, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Shows the typing indicator in a one-to-one chat for 5–60 seconds (multiples of 5).</summary>
    Task ShowLoadingAnimationAsync(string chatId, int loadingSeconds = 20, CancellationToken cancellationToken = default);

    /// <summary>Creates a rich menu and returns its id; upload its image before linking it.</summary>
    Task<string> CreateRichMenuAsync(RichMenu richMenu, CancellationToken cancellationToken = default);
    /// <summary>Uploads a rich menu's image (JPEG or PNG, at most 1 MB) to the data host; once per menu.</summary>
    Task UploadRichMenuImageAsync(string richMenuId, ReadOnlyMemory<byte> image, string contentType, CancellationToken cancellationToken = default);
    /// <summary>Makes a rich menu (with its image) the default for every user without a linked one.</summary>
    Task SetDefaultRichMenuAsync(string richMenuId, CancellationToken cancellationToken = default);
    /// <summary>Links a rich menu to one user, over the default.</summary>
    Task LinkRichMenuToUserAsync(string userId, string richMenuId, CancellationToken cancellationToken = default);
    /// <summary>Names a rich menu with an alias, for rich menu switch actions.</summary>
    Task CreateRichMenuAliasAsync(string richMenuAliasId, string richMenuId, CancellationToken cancellationToken = default);

    /// <summary>Reads the bot's own user id, basic id, name, chat mode and mark-as-read mode.</summary>
    Task<BotInfo> GetBotInfoAsync(CancellationToken cancellationToken = default);
    /// <summary>Reads the channel's monthly message quota (none, or limited to a number).</summary>
    Task<MessageQuota> GetMessageQuotaAsync(CancellationToken cancellationToken = default);
    /// <summary>Reads how many messages count against the quota this month.</summary>
    Task<long> GetMessageQuotaConsumptionAsync(CancellationToken cancellationToken = default);
}
