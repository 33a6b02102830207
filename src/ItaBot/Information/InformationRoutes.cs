using System.Text.Json.Nodes;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Turns;

namespace ItaBot.Information;

/// <summary>
/// The postback data of the information views (<c>info=…</c>), carried by Flex buttons and quick replies:
/// <c>info=contact</c>, <c>info=executives</c>, <c>info=news</c>, <c>info=services</c>,
/// <c>info=services&amp;unit=&lt;unit id&gt;</c>, <c>info=service&amp;id=&lt;service id&gt;</c>.
/// Each is self-contained, so a button tapped long after it was sent still opens the right view.
/// </summary>
internal static class InformationRoutes
{
    public const string Prefix = "info=";

    public static readonly Choice Services = new("บริการ", "menu=services", ["คู่มือ", "บริการประชาชน"]);
    public static readonly Choice Executives = new("ผู้บริหาร", "info=executives", ["นายก", "คณะผู้บริหาร"]);
    public static readonly Choice News = new("ข่าวสาร", "menu=news", ["ข่าว"]);
    public static readonly Choice Contact = new("ติดต่อเรา", "menu=contact", ["ติดต่อ", "ติดต่อเทศบาล"]);
    public static readonly Choice Questions = new("ถามตอบ", "menu=qa", ["ถาม"]);
    public static readonly Choice Menu = new("เมนู", "menu=main", ["เมนูหลัก"]);

    /// <summary>The dialog and its options for <paramref name="data"/>; null when it is not an information route.</summary>
    public static (string DialogId, JsonObject? Options)? Parse(string? data)
    {
        if (data is null || !data.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var query = data.Split('&')
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return query.GetValueOrDefault("info") switch
        {
            "contact" => (InformationDialogs.ContactId, null),
            "executives" => (InformationDialogs.ExecutivesId, null),
            "news" => (InformationDialogs.NewsId, null),
            "services" when query.TryGetValue("unit", out var unit) => (InformationDialogs.ServicesId, new JsonObject { ["unit"] = unit }),
            "services" => (InformationDialogs.ServicesId, null),
            "service" when query.TryGetValue("id", out var id) => (InformationDialogs.ServicesId, new JsonObject { ["service"] = id }),
            _ => null,
        };
    }

    /// <summary>Opens the view a choice value names, from inside a dialog (a typed "2" or "ติดต่อเรา").</summary>
    public static async Task<DialogTurnResult?> TryOpenAsync(DialogContext dc, string value, CancellationToken cancellationToken)
    {
        if (Parse(value) is { } route)
        {
            return await dc.ReplaceDialogAsync(route.DialogId, route.Options, cancellationToken).ConfigureAwait(false);
        }

        if (MainDialog.Routes.FirstOrDefault(r => string.Equals(r.Data, value, StringComparison.Ordinal)) is { Data: not null } menu
            && dc.FindDialog(menu.DialogId) is not null)
        {
            return await dc.ReplaceDialogAsync(menu.DialogId, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (string.Equals(value, Menu.Value, StringComparison.Ordinal) || value.StartsWith("menu=", StringComparison.Ordinal))
        {
            await dc.Context.SendAsync(MainDialog.Menu(), cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}

/// <summary>An <c>info=…</c> postback works at any time, mid-flow too: the current flow gives way, as for menu buttons.</summary>
internal sealed class InformationPostbacks : IInterruptionHandler
{
    public async Task<DialogTurnResult?> TryInterruptAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var activity = dc.Context.Activity;
        if (activity.Kind != ActivityKind.Postback || InformationRoutes.Parse(activity.PostbackData) is not { } route || dc.FindDialog(route.DialogId) is null)
        {
            return null;
        }

        await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        return await dc.BeginDialogAsync(route.DialogId, route.Options, cancellationToken).ConfigureAwait(false);
    }
}
