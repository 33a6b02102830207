using ItaBot.Dialogs;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Conversations;

/// <summary>
/// The root of every conversation: welcomes new friends, shows the main menu, and routes a menu tap or a typed
/// question to the dialog that handles it. Features register their dialogs under the ids in <see cref="Routes"/>;
/// a route without a dialog yet gets a polite "not open yet".
/// </summary>
internal sealed class MainDialog() : Dialog(Id)
{
    public new const string Id = "main";

    /// <summary>Dialog that answers free text (the Q&amp;A slice registers it).</summary>
    public const string QuestionDialogId = "qa.answer";

    /// <summary>Dialog that reads what free text is about before anything answers it (the Understanding slice registers it).</summary>
    public const string UnderstandDialogId = "understand";

    public const string Welcome = "สวัสดีค่ะ ขอบคุณที่เพิ่มเพื่อนกับเทศบาลนะคะ ถามเรื่องบริการ แจ้งเรื่องร้องเรียน หรือแจ้งเบาะแสได้ที่นี่ตลอด 24 ชั่วโมงค่ะ";
    public const string MenuPrompt = "เลือกเรื่องที่ต้องการได้เลยค่ะ 👇";
    public const string NotYetOpen = "ขออภัยค่ะ บริการนี้กำลังจะเปิดเร็ว ๆ นี้ ระหว่างนี้ติดต่อสำนักงานเทศบาลได้ในเวลาราชการค่ะ";

    /// <summary>Menu entries: label, postback data, and the dialog that serves it.</summary>
    public static readonly IReadOnlyList<(string Label, string Data, string DialogId)> Routes =
    [
        ("ถามตอบ", "menu=qa", "qa"),
        ("บริการ/คู่มือประชาชน", "menu=services", "services"),
        ("ร้องเรียนทั่วไป", "menu=complaint", "complaint"),
        ("แจ้งเบาะแสการทุจริต", "menu=whistleblow", "whistleblow"),
        ("ข่าวสาร", "menu=news", "news"),
        ("ติดต่อเทศบาล", "menu=contact", "contact"),
    ];

    public static IReadOnlyList<Choice> MenuChoices { get; } = [.. Routes.Select(r => new Choice(r.Label, r.Data))];

    public static Reply Menu(string? text = null) => Reply.FromText(text ?? MenuPrompt, MenuChoices);

    /// <summary>Options that make the dialog show the menu whatever the message was ("เมนู" typed mid-flow).</summary>
    public const string ShowMenu = "show-menu";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (options is ShowMenu)
        {
            await dc.Context.SendAsync(Menu(), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        switch (activity.Kind)
        {
            case ActivityKind.Follow:
                await dc.Context.SendAsync(Welcome, cancellationToken).ConfigureAwait(false);
                await dc.Context.SendAsync(Menu(), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

            case ActivityKind.Postback when Routes.FirstOrDefault(r => r.Data == activity.PostbackData) is { Data: not null } route:
                return await OpenAsync(dc, route.DialogId, cancellationToken).ConfigureAwait(false);

            // A menu label typed, or sent by a rich menu whose areas are "text" actions (the only kind LINE's Official
            // Account Manager offers besides links): the same as the tap, not a question about the menu.
            case ActivityKind.Message when TypedRoute(activity.Text) is { } typed:
                return await OpenAsync(dc, typed, cancellationToken).ConfigureAwait(false);

            case ActivityKind.Message when !string.IsNullOrWhiteSpace(activity.Text) && FreeTextDialog(dc) is { } freeText:
                return await dc.ReplaceDialogAsync(freeText, activity.Text, cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(Menu(), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The route whose label is exactly what was typed (spaces and zero-width characters around it ignored), or null.</summary>
    internal static string? TypedRoute(string? text)
    {
        var typed = text?.Trim().Trim('\u200b', '\u200c', '\u200d', '\ufeff');
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }

        foreach (var (label, _, dialogId) in Routes)
        {
            if (string.Equals(typed, label, StringComparison.Ordinal))
            {
                return dialogId;
            }
        }

        return null;
    }

    /// <summary>Opens a menu entry's dialog; one not registered yet says so and shows the menu.</summary>
    private static async Task<DialogTurnResult> OpenAsync(DialogContext dc, string dialogId, CancellationToken cancellationToken)
    {
        if (dc.FindDialog(dialogId) is not null)
        {
            return await dc.ReplaceDialogAsync(dialogId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await dc.Context.SendAsync(NotYetOpen, cancellationToken).ConfigureAwait(false);
        await dc.Context.SendAsync(Menu(), cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Where typed text that answers no prompt goes: the understanding step when it is registered, else Q&amp;A. Flows that
    /// take "anything else typed" as a new message replace themselves with this dialog, so it is understood the same way.
    /// </summary>
    public static string? FreeTextDialog(DialogContext dc) =>
        dc.FindDialog(UnderstandDialogId) is not null ? UnderstandDialogId
        : dc.FindDialog(QuestionDialogId) is not null ? QuestionDialogId
        : null;
}
