namespace ItaBot.Complaints;

/// <summary>
/// Options that start the complaint intake from a typed message (the understanding step sends it): the text is kept as
/// the description, <paramref name="CategoryId"/> is the category picked from it (null: ask), <paramref name="Place"/>
/// the place it names (null: ask). The intake goes on from the first field still missing.
/// </summary>
internal sealed record ComplaintStart(string Text, string? CategoryId, string? Place)
{
    /// <summary>A new case whatever was filed just before (the citizen said so): not asked whether it is more of that case.</summary>
    public bool Fresh { get; init; }
}
