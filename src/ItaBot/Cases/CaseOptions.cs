using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ItaBot.Cases;

/// <summary>Settings of the case slice (<c>ItaBot:Cases</c>).</summary>
internal sealed class CaseOptions : IValidatableObject
{
    public const string Section = "ItaBot:Cases";

    /// <summary>
    /// Public holidays (and the cabinet's special days off) as ISO dates, "2025-04-14". Weekends are never working days
    /// anyway. The shipped list is the official one for 2025–2027; the agency adds bridge days as the cabinet announces them.
    /// </summary>
    public List<string> Holidays { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var day in Holidays)
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return new ValidationResult($"{Section}:Holidays: '{day}' is not a date like 2025-04-14.", [nameof(Holidays)]);
            }
        }
    }

    public IReadOnlySet<DateOnly> HolidayDates() =>
        Holidays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
}
