using ItaBot.Dialogs;

namespace ItaBot.Conversations;

/// <summary>A feature's dialogs and commands (Q&amp;A, complaints, whistleblowing…), added to the one dialog manager.</summary>
internal interface IDialogFeature
{
    void Register(DialogManager manager);
}

/// <summary>The bot's dialog manager: <see cref="MainDialog"/> at the root, "เมนู" and "ยกเลิก" always work.</summary>
internal sealed class BotDialogs
{
    public BotDialogs(IConversationStateStore store, TimeProvider time, IEnumerable<IDialogFeature> features)
    {
        Manager = new DialogManager(new MainDialog(), store, time, new DialogManagerOptions { IdleTimeout = TimeSpan.FromMinutes(30) });
        Manager.Interruptions.Add(CommandInterruption.StartDialog(MainDialog.Id, ["เมนู", "เมนูหลัก", "menu"], ["menu=main"], MainDialog.ShowMenu));
        foreach (var route in MainDialog.Routes)
        {
            // Menu buttons (quick replies and rich-menu areas) work mid-flow: the current flow gives way.
            Manager.Interruptions.Add(CommandInterruption.StartDialog(MainDialog.Id, [], [route.Data]));
        }

        foreach (var feature in features)
        {
            feature.Register(Manager);
        }
    }

    public DialogManager Manager { get; }
}
