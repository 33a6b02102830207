namespace ItaBot.Complaints;

/// <summary>
/// Whether typed text is a report of corruption. The understanding step registers itself (rules and model, as for a message
/// with no flow open), so a report typed inside the intake goes to the protected channel exactly as one typed outside it.
/// </summary>
internal interface ICorruptionCheck
{
    bool IsCorruptionReport(string? text);

    /// <summary>
    /// Whether <paramref name="text"/>, typed while the intake waits for a photo, tells more of the problem (a complaint, or a
    /// place) rather than something else (thanks, a question): then what to keep of it. Null without an understanding step.
    /// </summary>
    TypedDetail? MoreOfTheProblem(string? text) => null;
}

/// <summary>More of the problem typed in the middle of the intake, and the place it names if any.</summary>
internal sealed record TypedDetail(string? Place);

/// <summary>The word signals alone: what the intake reads when no understanding step is registered.</summary>
internal sealed class SignalCorruptionCheck : ICorruptionCheck
{
    public bool IsCorruptionReport(string? text) => CorruptionSignals.LooksLikeCorruption(text);
}
