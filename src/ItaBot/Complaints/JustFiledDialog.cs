using ItaBot.Cases;
using ItaBot.Content;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Complaints;

/// <summary>
/// A typed complaint soon after the citizen filed one of the same kind ("ลืมบอกค่ะ ดับสองต้นนะคะ" a few minutes after the
/// receipt) is usually more of that case, not a new one: the citizen is asked which. "เพิ่มในเรื่อง …" sends the text to the
/// case and its officer as a follow-up; "แจ้งเป็นเรื่องใหม่" starts the intake with it as before. The text waits in this
/// dialog's state for one answer, as a complaint draft does (a report of corruption never gets here: the interruption
/// takes it first).
/// </summary>
internal sealed class JustFiledDialog(ComplaintDesk desk, ContentPackProvider content) : Dialog(DialogId)
{
    public const string DialogId = "complaint.justfiled";
    public const string AddData = "complaint:justfiled=add";
    public const string NewData = "complaint:justfiled=new";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var (start, record) = options is (ComplaintStart s, CitizenCase r) ? (s, r) : throw new ArgumentException("A typed complaint and the case just filed.", nameof(options));
        var state = dc.ActiveDialog!.State;
        state["caseId"] = record.Case.Id;
        state["text"] = start.Text;
        state["categoryId"] = start.CategoryId;
        state["place"] = start.Place;
        await AskAsync(dc, record, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        var activity = dc.Context.Activity;
        var start = new ComplaintStart(state["text"]?.GetValue<string>() ?? string.Empty, state["categoryId"]?.GetValue<string>(), state["place"]?.GetValue<string>())
        {
            Fresh = true,
        };
        var record = desk.FindMine(activity.UserId, state["caseId"]?.GetValue<string>() ?? string.Empty);
        var said = ThaiText.NormalizeAnswer(activity.Text);
        if (activity.PostbackData == NewData || said == ThaiText.NormalizeAnswer(ComplaintTexts.JustFiledNew) || record is null || record.Case.Status.IsClosed())
        {
            return await dc.ReplaceDialogAsync(ComplaintDialog.DialogId, start, cancellationToken).ConfigureAwait(false);
        }

        if (activity.PostbackData == AddData || said.StartsWith(ThaiText.NormalizeAnswer(ComplaintTexts.JustFiledAdd), StringComparison.Ordinal) || said is "ใช่" or "เรื่องเดิม")
        {
            desk.FollowUp(activity, record, Descriptions.Clean(start.Text, 5000));
            await dc.Context.SendAsync(Reply.FromText(ComplaintTexts.JustFiledAdded(record.Case.Number), [new Choice("เรื่องของฉัน", CaseCards.MineData)]), cancellationToken)
                .ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await AskAsync(dc, record, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    private Task AskAsync(DialogContext dc, CitizenCase record, CancellationToken cancellationToken)
    {
        var category = content.Current.FindComplaintCategory(record.Case.CategoryId)?.Name;
        return dc.Context.SendAsync(Reply.FromText(ComplaintTexts.JustFiledAsk(record.Case.Number, category),
            [new Choice(ComplaintTexts.JustFiledAdd, AddData), new Choice(ComplaintTexts.JustFiledNew, NewData), new Choice(ComplaintTexts.Cancel, "ยกเลิก")]), cancellationToken);
    }
}
