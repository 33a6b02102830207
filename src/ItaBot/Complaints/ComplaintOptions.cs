using System.ComponentModel.DataAnnotations;

namespace ItaBot.Complaints;

/// <summary>Settings of the complaint intake (<c>ItaBot:Complaints</c>).</summary>
internal sealed class ComplaintOptions
{
    public const string Section = "ItaBot:Complaints";

    /// <summary>Photos a citizen may attach to one complaint.</summary>
    [Range(0, 10)]
    public int MaxPhotos { get; set; } = 5;

    /// <summary>Longest description kept (LINE's own limit for one text message is 5,000).</summary>
    [Range(100, 20_000)]
    public int MaxDescriptionLength { get; set; } = 5000;

    /// <summary>A first message at least this long that names a category is taken as the description too.</summary>
    [Range(1, 200)]
    public int MinDescriptionLength { get; set; } = 12;

    /// <summary>A pin farther than this from the agency's office is questioned (it may be outside the agency's area).</summary>
    [Range(1, 1000)]
    public double ServiceAreaKm { get; set; } = 25;

    /// <summary>Cases listed under "เรื่องของฉัน".</summary>
    [Range(1, 12)]
    public int MyCasesShown { get; set; } = 10;
}
