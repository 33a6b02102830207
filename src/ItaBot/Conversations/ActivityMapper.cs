using ItaBot.Dialogs.Turns;
using ItaBot.Line.Webhook;

namespace ItaBot.Conversations;

/// <summary>Turns a LINE webhook event into the dialog engine's channel-neutral <see cref="Activity"/>.</summary>
internal static class ActivityMapper
{
    /// <summary>Null for events that are not a turn of a conversation (unfollow, unsend, beacons, …).</summary>
    public static Activity? ToActivity(WebhookEvent e)
    {
        if (e.Source?.ChatId is not { } conversation || e.Source.UserId is not { } user)
        {
            return null;
        }

        var at = DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp);
        return e switch
        {
            MessageEvent { Message: TextMessageContent text } => Activity.Message(conversation, user, text.Text, at),
            MessageEvent { Message: LocationMessageContent place } =>
                Activity.SharedLocation(conversation, user, new GeoLocation(place.Latitude, place.Longitude, place.Title, place.Address), at),
            MessageEvent { Message: ImageMessageContent image } => Activity.SentAttachment(conversation, user, new AttachmentRef(AttachmentKind.Image, image.Id), at),
            MessageEvent { Message: VideoMessageContent video } => Activity.SentAttachment(conversation, user, new AttachmentRef(AttachmentKind.Video, video.Id), at),
            MessageEvent { Message: AudioMessageContent audio } => Activity.SentAttachment(conversation, user, new AttachmentRef(AttachmentKind.Audio, audio.Id), at),
            MessageEvent { Message: FileMessageContent file } => Activity.SentAttachment(conversation, user, new AttachmentRef(AttachmentKind.File, file.Id, file.FileName), at),
            // Stickers and message types LINE adds later: a turn without text, so prompts ask again politely.
            MessageEvent => new Activity { Kind = ActivityKind.Other, ConversationId = conversation, UserId = user, Timestamp = at },
            PostbackEvent postback => Activity.Postback(conversation, user, postback.Postback.Data, at),
            FollowEvent => Activity.Followed(conversation, user, at),
            _ => null,
        };
    }
}
