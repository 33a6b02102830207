using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Dialogs.State;

namespace ItaBot.Dialogs;

/// <summary>One step of a <see cref="WaterfallDialog"/>.</summary>
public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext stepContext, CancellationToken cancellationToken);

/// <summary>
/// A fixed sequence of steps. Each step usually prompts; the answer arrives as <see cref="WaterfallStepContext.Result"/>
/// in the next step. What the steps gather goes in <see cref="WaterfallStepContext.Values"/>, which is saved between turns.
/// </summary>
public class WaterfallDialog : Dialog
{
    private const string StepIndexKey = "stepIndex";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";

    private readonly List<WaterfallStep> _steps;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId) => _steps = steps?.ToList() ?? [];

    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <summary>
    /// Options are kept as JSON so every step, on every turn, sees the same thing. Plain data (records, strings,
    /// numbers, <see cref="JsonNode"/>) travels; anything that does not serialise is refused here, not on a later turn.
    /// </summary>
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = dc.ActiveDialog!.State;
        state[StepIndexKey] = 0;
        state[ValuesKey] = new JsonObject();
        state[OptionsKey] = ToNode(options);
        return await RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A message reaching the waterfall itself (no prompt active) moves it on with the message text.</summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default) =>
        ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken);

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = dc.ActiveDialog!.State[StepIndexKey]?.GetValue<int>() ?? 0;
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var instance = dc.ActiveDialog!;
        instance.State[StepIndexKey] = index;
        var values = ConversationState.EnsureObject(instance.State, ValuesKey);
        var step = new WaterfallStepContext(this, dc, instance, index, reason, result, instance.State[OptionsKey], values);
        return await _steps[index](step, cancellationToken).ConfigureAwait(false);
    }

    private static JsonNode? ToNode(object? options) => options switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(options, options.GetType(), JsonSerializerOptions.Web),
    };
}

/// <summary>What a waterfall step sees: the answer to the previous step, the gathered values and the options.</summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _waterfall;
    private readonly DialogInstance _instance;
    private bool _nextCalled;

    internal WaterfallStepContext(
        WaterfallDialog waterfall, DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, JsonNode? options, JsonObject values)
        : base(dc)
    {
        _waterfall = waterfall;
        _instance = instance;
        Index = index;
        Reason = reason;
        Result = result;
        Options = options;
        Values = values;
    }

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>What the previous step's prompt (or <see cref="NextAsync"/>) returned.</summary>
    public object? Result { get; }

    /// <summary>The options the waterfall was started with, as JSON.</summary>
    public JsonNode? Options { get; }

    /// <summary>Values gathered by the steps; saved with the conversation.</summary>
    public JsonObject Values { get; }

    /// <summary>The result as <typeparamref name="T"/>; throws when a step's assumption about the previous answer is wrong.</summary>
    public T ResultAs<T>() =>
        Result is T typed ? typed : throw new InvalidOperationException($"Step {Index} of '{_waterfall.Id}' expected a {typeof(T).Name}, got {Result?.GetType().Name ?? "nothing"}.");

    public T? OptionsAs<T>() => Options is null ? default : Options.Deserialize<T>(JsonSerializerOptions.Web);

    /// <summary>Skips to the next step without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of '{_waterfall.Id}'.");
        }

        _nextCalled = true;
        if (!_instance.IsSameAs(ActiveDialog))
        {
            throw new InvalidOperationException($"Step {Index} of '{_waterfall.Id}' called NextAsync after leaving the stack top.");
        }

        return _waterfall.RunStepAsync(this, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }
}
