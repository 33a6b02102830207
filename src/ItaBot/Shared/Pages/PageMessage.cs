namespace ItaBot.Shared.Pages;

/// <summary>A message a page shows in a <c>Message</c> box: kind "ok" (green), "error" (red) or "note".</summary>
internal sealed record PageMessage(string Text, string Kind = "error")
{
    public static PageMessage Ok(string text) => new(text, "ok");
}
