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

    public static string Describe(object? result) => result?.ToString() ?? "null";
}
