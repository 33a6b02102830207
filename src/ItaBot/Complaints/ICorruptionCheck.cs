namespace ItaBot.Complaints;

/// <summary>
/// Whether typed text is a report of corruption. The understanding step registers itself (rules and model, as for a message
/// with no flow open), so a report typed inside the intake goes to the protected channel exactly as one typed outside it.
/// </summary>
internal interface ICorruptionCheck
{
    bool IsCorruptionReport(string? text);
}

/// <summary>The word signals alone: what the intake reads when no understanding step is registered.</summary>
internal sealed class SignalCorruptionCheck : ICorruptionCheck
{
    public bool IsCorruptionReport(string? text) => CorruptionSignals.LooksLikeCorruption(text);
}
