using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;
using ItaBot.Storage;

namespace ItaBot.Staff;

/// <summary>Staff link their LINE account by typing the code from /staff/account to the bot.</summary>
internal sealed class StaffLinkFeature(IStaffStore store, TurnWrites writes, TimeProvider time) : IDialogFeature
{
    public void Register(DialogManager manager) => manager.Interruptions.Insert(0, new StaffLinkInterruption(store, writes, time));
}

/// <summary>
/// "เชื่อมต่อ 123456" (or the six digits alone while some code is pending) links the sender's LINE account to the
/// staff account whose code it is. The link is a write of the turn (<see cref="TurnWrites"/>), checked again inside
/// the commit so that a code links once. Wrong codes are counted per chat: after <see cref="MaxFailures"/> in an hour
/// the chat is told to wait, so six digits cannot be guessed by trying.
/// </summary>
internal sealed class StaffLinkInterruption(IStaffStore store, TurnWrites writes, TimeProvider time) : IInterruptionHandler
{
    public const int MaxFailures = 5;
    public static string Linked(string displayName) => $"เชื่อมต่อ LINE กับบัญชีเจ้าหน้าที่ของคุณ ({displayName}) แล้วค่ะ จากนี้จะได้รับการแจ้งเตือนเรื่องร้องเรียนทางแชทนี้ค่ะ";
    public const string Wrong = "รหัสเชื่อมต่อไม่ถูกต้องหรือหมดอายุแล้วค่ะ กรุณาขอรหัสใหม่ที่หน้า \"บัญชีของฉัน\" ในเว็บเจ้าหน้าที่ แล้วพิมพ์ภายใน 10 นาทีค่ะ";
    public const string TooMany = "ใส่รหัสเชื่อมต่อผิดหลายครั้งแล้วค่ะ กรุณารอ 1 ชั่วโมงแล้วขอรหัสใหม่จากเว็บเจ้าหน้าที่ค่ะ";
    public const string GroupChat = "การเชื่อมต่อบัญชีเจ้าหน้าที่ทำได้ในแชทส่วนตัวกับบัญชีเทศบาลเท่านั้นค่ะ";

    private static readonly string[] Commands = ["เชื่อมต่อ", "เชื่อม", "link"];
    private static readonly TimeSpan FailureWindow = TimeSpan.FromHours(1);
    private const string StateKey = "staff.link";

    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (activity.Kind != ActivityKind.Message || activity.Text is not { Length: <= 40 } text)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var (code, explicitCommand) = Parse(text);
        if (code is null || (!explicitCommand && store.PendingLinkCodes(now.UtcDateTime).Count == 0))
        {
            return null;
        }

        if (activity.ConversationId != activity.UserId)
        {
            return explicitCommand ? await AnswerAsync(dc, GroupChat, cancellationToken).ConfigureAwait(false) : null;
        }

        var failures = Failures(dc, now);
        if (failures >= MaxFailures)
        {
            return explicitCommand ? await AnswerAsync(dc, TooMany, cancellationToken).ConfigureAwait(false) : null;
        }

        var account = store.PendingLinkCodes(now.UtcDateTime).FirstOrDefault(a => StaffRules.LinkCodeMatches(a.LinkCodeHash, code));
        if (account is null)
        {
            dc.ConversationData[StateKey] = new JsonObject { ["fails"] = failures + 1, ["since"] = now.ToUnixTimeMilliseconds() };
            // Six digits alone that are no code may be anything (a phone number in a complaint): let the flow have them.
            return explicitCommand ? await AnswerAsync(dc, Wrong, cancellationToken).ConfigureAwait(false) : null;
        }

        var lineUserId = activity.UserId;
        var at = now.UtcDateTime;
        writes.Add(activity.ConversationId, work => store.Link(work, account.Id, code, lineUserId, at));
        dc.ConversationData.Remove(StateKey);
        return await AnswerAsync(dc, Linked(account.DisplayName), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The six digits of "เชื่อมต่อ 123 456" (explicit) or of "123456" alone; Thai digits count.</summary>
    internal static (string? Code, bool Explicit) Parse(string text)
    {
        var rest = ThaiText.ToArabicDigits(text.Trim());
        var explicitCommand = false;
        foreach (var command in Commands)
        {
            if (rest.StartsWith(command, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[command.Length..];
                explicitCommand = true;
                break;
            }
        }

        var digits = new string([.. rest.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? (digits, explicitCommand) : (null, false);
    }

    private static int Failures(DialogContext dc, DateTimeOffset now) =>
        dc.ConversationData[StateKey] is JsonObject state && state["since"]?.GetValue<long>() is { } since
            && now - DateTimeOffset.FromUnixTimeMilliseconds(since) < FailureWindow
            ? state["fails"]?.GetValue<int>() ?? 0
            : 0;

    /// <summary>Answers and lets an interrupted flow ask its question again.</summary>
    private static async Task<DialogTurnResult> AnswerAsync(DialogContext dc, string text, CancellationToken cancellationToken)
    {
        await dc.Context.SendTextAsync(text, cancellationToken).ConfigureAwait(false);
        if (dc.ActiveDialog is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        await dc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        return Dialog.EndOfTurn;
    }
}
