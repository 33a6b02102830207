namespace ItaBot.LineChannel;

/// <summary>
/// Registered when no LINE credentials were set and a local stand-in plays LINE (simulator mode). Features that behave
/// differently then (demo staff accounts) ask for this instead of depending on the simulator itself.
/// </summary>
internal sealed class SimulatedLine;
