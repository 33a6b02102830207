namespace ItaBot.Whistleblowing;

/// <summary>
/// Options that start the protected channel from a typed report (the understanding step sends it, in a turn already
/// protected): the explanation and consent come first; if the reporter goes on, <paramref name="Text"/> is the report's
/// first answer (what happened). It is held with the draft, never in the conversation state.
/// </summary>
internal sealed record WhistleStart(string Text);
