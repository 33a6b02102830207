namespace ItaBot.Line.Messages;

/// <summary>
/// LINE's documented limits on what the bot sends. Lengths are in UTF-16 code units unless the name ends in
/// <c>Graphemes</c>: LINE counts labels and visible texts in grapheme clusters, so a Thai tone mark on a consonant is one.
/// </summary>
public static class MessageLimits
{
    public const int MessagesPerRequest = 5;
    public const int QuickReplyItems = 13;
    public const int QuickReplyLabelGraphemes = 20;
    public const int SenderName = 20;

    public const int Text = 5000;
    public const int AltText = 1500;
    public const int LocationTitle = 100;
    public const int LocationAddress = 100;
    public const int VideoTrackingId = 100;

    public const int PostbackData = 300;
    public const int PostbackDisplayTextGraphemes = 300;
    public const int PostbackFillInTextGraphemes = 300;
    public const int MessageActionTextGraphemes = 300;
    public const int Uri = 1000;
    public const int AltUriDesktop = 1000;
    public const int ClipboardText = 1000;

    public const int TemplateActionLabelGraphemes = 20;
    public const int ImageCarouselActionLabelGraphemes = 12;
    public const int FlexActionLabelGraphemes = 40;

    public const int ButtonsTitleGraphemes = 40;
    public const int ButtonsTextGraphemes = 160;
    public const int ButtonsTextWithImageOrTitleGraphemes = 60;
    public const int ButtonsActions = 4;
    public const int ConfirmTextGraphemes = 240;
    public const int ConfirmActions = 2;
    public const int CarouselColumns = 10;
    public const int CarouselTitleGraphemes = 40;
    public const int CarouselTextGraphemes = 120;
    public const int CarouselTextWithImageOrTitleGraphemes = 60;
    public const int CarouselActions = 3;
    public const int ImageCarouselColumns = 10;

    // LINE says "30 KB" and "50 KB" without saying whether a KB is 1,000 or 1,024 bytes; the stricter reading
    // never lets through a container that LINE would reject.
    public const int FlexBubbleBytes = 30_000;
    public const int FlexCarouselBytes = 50_000;
    public const int FlexCarouselBubbles = 12;
}
