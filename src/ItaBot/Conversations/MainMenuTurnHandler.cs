using System.Text.Json;
using ItaBot.Line.Messages;
using ItaBot.Webhook;

namespace ItaBot.Conversations;

/// <summary>
/// The first answers: a Thai welcome on follow, and the main menu for every message and menu tap.
/// The question, complaint and whistleblowing flows replace the placeholders as they arrive.
/// </summary>
internal sealed class MainMenuTurnHandler : ITurnHandler
{
    public const string Welcome = "สวัสดีค่ะ ขอบคุณที่เพิ่มเพื่อนกับเทศบาลนะคะ ถามเรื่องบริการ แจ้งเรื่องร้องเรียน หรือแจ้งเบาะแสได้ที่นี่ตลอด 24 ชั่วโมงค่ะ";
    public const string MenuPrompt = "เลือกเรื่องที่ต้องการได้เลยค่ะ 👇";
    public const string NotYetOpen = "ขออภัยค่ะ บริการนี้กำลังจะเปิดเร็ว ๆ นี้ ระหว่างนี้ติดต่อสำนักงานเทศบาลได้ในเวลาราชการค่ะ";

    /// <summary>The four entries of the main menu: label shown, postback data sent back.</summary>
    public static readonly IReadOnlyList<(string Label, string Data)> MenuItems =
    [
        ("ถามตอบ", "menu=qa"),
        ("ร้องเรียนทั่วไป", "menu=complaint"),
        ("แจ้งเบาะแสการทุจริต", "menu=whistleblow"),
        ("ติดต่อเทศบาล", "menu=contact"),
    ];

    public ValueTask<IReadOnlyList<Message>> HandleAsync(InboxEntry turn, CancellationToken cancellationToken)
    {
        IReadOnlyList<Message> answer = turn.Type switch
        {
            "follow" => [new TextMessage(Welcome), Menu()],
            "message" => [Menu()],
            "postback" when IsMenuTap(turn.Json) => [new TextMessage(NotYetOpen), Menu()],
            "postback" => [Menu()],
            _ => [],
        };
        return ValueTask.FromResult(answer);
    }

    public static TextMessage Menu() => new(MenuPrompt)
    {
        QuickReply = new QuickReply([.. MenuItems.Select(i => new QuickReplyItem(new PostbackAction(i.Data) { Label = i.Label, DisplayText = i.Label }))]),
    };

    private static bool IsMenuTap(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("postback", out var postback)
            && postback.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.String
            && data.GetString()!.StartsWith("menu=", StringComparison.Ordinal);
    }
}
