using System.Globalization;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.State;
using ItaBot.Dialogs.Turns;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Dialogs.Tests;

/// <summary>A bot whose root asks one prompt and then says what it got ("ได้: …").</summary>
internal static class PromptHarness
{
    public static TestFlow Ask(Dialog prompt, PromptOptions options, FakeTimeProvider? time = null)
    {
        time ??= SampleBot.Clock();
        var root = new WaterfallDialog("root",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            async (step, ct) =>
            {
                await step.Context.SendTextAsync("ได้: " + Describe(step.Result), ct);
                return await step.EndDialogAsync(step.Result, ct);
            },
        ]);
        var manager = new DialogManager(root, new InMemoryDialogStateStore(), time);
        manager.Dialogs.Add(prompt);
        return new TestFlow(manager, time);
    }

    public static string Describe(object? result) => result switch
    {
        FoundChoice choice => $"{choice.Value}#{choice.Index}",
        bool yes => yes ? "yes" : "no",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        GeoLocation location => string.Create(CultureInfo.InvariantCulture, $"{location.Latitude},{location.Longitude}"),
        AttachmentRef attachment => $"{attachment.Kind}:{attachment.ContentId}",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => result?.ToString() ?? "null",
    };
}
