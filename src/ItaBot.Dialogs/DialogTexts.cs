namespace ItaBot.Dialogs;

/// <summary>
/// What the engine itself says. Thai defaults in a polite register; the host replaces any of them
/// (<c>DialogTexts.Thai with { Cancelled = "…" }</c>).
/// </summary>
public sealed record DialogTexts
{
    public static DialogTexts Thai { get; } = new();

    /// <summary>Said when a flow left idle too long is ended before the new message is handled.</summary>
    public string IdleTimeout { get; init; } = "เรื่องที่คุยค้างไว้หมดเวลาแล้วนะคะ เริ่มใหม่ได้เลยค่ะ";

    public string Cancelled { get; init; } = "ยกเลิกเรื่องที่ทำค้างไว้แล้วค่ะ";

    public string NothingToCancel { get; init; } = "ตอนนี้ไม่มีเรื่องที่ทำค้างอยู่ค่ะ";

    /// <summary>Said when a prompt's attempts run out; the flow then ends.</summary>
    public string PromptGiveUp { get; init; } = "ขออภัยค่ะ ยังไม่เข้าใจคำตอบ ขอพักเรื่องนี้ไว้ก่อนนะคะ พิมพ์ \"เมนู\" เพื่อเริ่มใหม่ได้เลยค่ะ";

    public string TextRetry { get; init; } = "รบกวนพิมพ์เป็นข้อความนะคะ";
}
