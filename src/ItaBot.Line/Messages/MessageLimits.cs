namespace ItaBot.Line.Messages;

/// <summary>
/// LINE's documented limits on what the bot sends. Lengths are in UTF-16 code units unless the name ends in
/// <c>Graphemes</c>: LINE counts labels and visible texts in grapheme clusters, so a Thai tone mark on a consonant is one.
/// </summary>
public static class MessageLimits
{
    /// <summary>Longest or most: messages in one reply, push or multicast.</summary>
    public const int MessagesPerRequest = 5;
    /// <summary>Longest or most: quick reply buttons on a message.</summary>
    public const int QuickReplyItems = 13;
    /// <summary>Longest or most: a quick reply button's label.</summary>
    public const int QuickReplyLabelGraphemes = 20;
    /// <summary>Longest or most: a sender name.</summary>
    public const int SenderName = 20;

    /// <summary>Message text.</summary>
    public const int Text = 5000;
    /// <summary>Longest or most: alternative text of template, Flex and imagemap messages.</summary>
    public const int AltText = 1500;
    /// <summary>Longest or most: a location message's title.</summary>
    public const int LocationTitle = 100;
    /// <summary>Longest or most: a location message's address.</summary>
    public const int LocationAddress = 100;
    /// <summary>Longest or most: a video message's tracking id.</summary>
    public const int VideoTrackingId = 100;

    /// <summary>Longest or most: a postback action's data.</summary>
    public const int PostbackData = 300;
    /// <summary>Longest or most: a postback action's display text.</summary>
    public const int PostbackDisplayTextGraphemes = 300;
    /// <summary>Longest or most: a postback action's fill-in text.</summary>
    public const int PostbackFillInTextGraphemes = 300;
    /// <summary>Longest or most: a message action's text.</summary>
    public const int MessageActionTextGraphemes = 300;
    /// <summary>Longest or most: a URI action's URI.</summary>
    public const int Uri = 1000;
    /// <summary>Longest or most: a URI action's desktop URI.</summary>
    public const int AltUriDesktop = 1000;
    /// <summary>Text that is copied to the clipboard.</summary>
    public const int ClipboardText = 1000;

    /// <summary>Longest or most: an action label in a buttons, confirm or carousel template.</summary>
    public const int TemplateActionLabelGraphemes = 20;
    /// <summary>Longest or most: an action label in an image carousel.</summary>
    public const int ImageCarouselActionLabelGraphemes = 12;
    /// <summary>Longest or most: an action label in a Flex message.</summary>
    public const int FlexActionLabelGraphemes = 40;

    /// <summary>Longest or most: a buttons template's title.</summary>
    public const int ButtonsTitleGraphemes = 40;
    /// <summary>Longest or most: a buttons template's text with neither image nor title.</summary>
    public const int ButtonsTextGraphemes = 160;
    /// <summary>Longest or most: a buttons template's text with an image or a title.</summary>
    public const int ButtonsTextWithImageOrTitleGraphemes = 60;
    /// <summary>Longest or most: actions in a buttons template.</summary>
    public const int ButtonsActions = 4;
    /// <summary>Longest or most: a confirm template's text.</summary>
    public const int ConfirmTextGraphemes = 240;
    /// <summary>Longest or most: actions in a confirm template (exactly this many).</summary>
    public const int ConfirmActions = 2;
    /// <summary>Longest or most: columns in a carousel template.</summary>
    public const int CarouselColumns = 10;
    /// <summary>Longest or most: a carousel column's title.</summary>
    public const int CarouselTitleGraphemes = 40;
    /// <summary>Longest or most: a carousel column's text with neither image nor title.</summary>
    public const int CarouselTextGraphemes = 120;
    /// <summary>Longest or most: a carousel column's text with an image or a title.</summary>
    public const int CarouselTextWithImageOrTitleGraphemes = 60;
    /// <summary>Longest or most: actions in a carousel column.</summary>
    public const int CarouselActions = 3;
    /// <summary>Longest or most: columns in an image carousel template.</summary>
    public const int ImageCarouselColumns = 10;

    // LINE says "30 KB" and "50 KB" without saying whether a KB is 1,000 or 1,024 bytes; the stricter reading
    // never lets through a container that LINE would reject.
    /// <summary>Longest or most: a Flex bubble's JSON, in bytes.</summary>
    public const int FlexBubbleBytes = 30_000;
    /// <summary>Longest or most: a Flex carousel's JSON, in bytes.</summary>
    public const int FlexCarouselBytes = 50_000;
    /// <summary>Longest or most: bubbles in a Flex carousel.</summary>
    public const int FlexCarouselBubbles = 12;
}
