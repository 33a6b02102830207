namespace ItaBot.Understanding;

/// <summary>What a free-text message that answers no prompt is about.</summary>
internal enum Intent
{
    /// <summary>Nothing to read (emoji, punctuation, a sticker's text).</summary>
    None,
    Greeting,
    Thanks,
    Menu,
    Complaint,
    Corruption,
    Question,
    MyCase,
    Rating,
    OutOfScope,

    /// <summary>A privacy request under the PDPA (see my data, a copy, erase, correct); served where a dialog is registered for it.</summary>
    PrivacyRequest,
}

/// <summary>
/// The understanding of one message: its intent, and for a complaint the category picked from the text (null when
/// unclear) and the place the text names (null when none). <see cref="SureQuestion"/>: a question the model is sure of,
/// which Q&amp;A may answer directly on a smaller lead (QaOptions.SureLeadFloor).
/// </summary>
internal sealed record Understood(Intent Intent, string? CategoryId = null, string? Place = null)
{
    public bool SureQuestion { get; init; }
}
