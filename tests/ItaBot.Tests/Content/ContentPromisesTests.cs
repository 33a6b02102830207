using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Content;

namespace ItaBot.Tests.Content;

/// <summary>
/// What the content pack promises citizens about complaint deadlines (FAQ answers, the service manual) must be what the
/// complaint categories set, and in working days, since deadlines are reckoned in working days.
/// </summary>
public sealed partial class ContentPromisesTests
{
    private const string GeneralComplaintService = "general-complaint";

    [GeneratedRegex(@"ภายใน\s*(\d+)\s*วัน(ทำการ)?")]
    private static partial Regex Within();

    [GeneratedRegex(@"ไม่เกิน\s*(\d+)\s*วัน(ทำการ)?")]
    private static partial Regex AtMost();

    [Fact]
    public void FaqPromises_AboutComplaintCategories_AreTheCategoriesWorkingDays()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);
        var checkedPromises = 0;
        foreach (var entry in pack.Faq)
        {
            if (Allowed(pack, entry.ServiceId, entry.Answer) is not { } allowed)
            {
                continue;
            }

            foreach (Match m in Within().Matches(entry.Answer))
            {
                Assert.True(m.Groups[2].Success, $"faq {entry.Id}: \"{m.Value}\" is not in working days (วันทำการ)");
                var days = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                Assert.True(allowed.Contains(days), $"faq {entry.Id}: promises {days} working days; the category says {string.Join(" or ", allowed)}");
                checkedPromises++;
            }
        }

        // street light 5, drains 7, garbage 1, nuisance 15, the general how-to 1 and 15: the test read real promises
        Assert.True(checkedPromises >= 6, $"only {checkedPromises} promises found");
    }

    [Fact]
    public void ServiceManual_OfACategorysService_StatesTheCategorysAnswerDays()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);
        var mapped = pack.ComplaintCategories.Where(c => c.Service is not null and not GeneralComplaintService).ToList();
        Assert.NotEmpty(mapped);
        foreach (var category in mapped)
        {
            var service = Assert.Single(pack.Services, s => s.Id == category.Service);
            var m = AtMost().Match(service.TotalTime);
            Assert.True(m.Success && m.Groups[2].Success, $"service {service.Id}: total time \"{service.TotalTime}\" is not \"ไม่เกิน N วันทำการ\"");
            Assert.Equal(category.AnswerWorkingDays, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var general = Assert.Single(pack.Services, s => s.Id == GeneralComplaintService);
        var longest = pack.ComplaintCategories.Max(c => c.AnswerWorkingDays);
        foreach (var text in new[] { general.TotalTime, general.Description ?? string.Empty })
        {
            foreach (var m in AtMost().Matches(text).Concat(Within().Matches(text)))
            {
                Assert.True(m.Groups[2].Success, $"general complaints: \"{m.Value}\" is not in working days");
            }
        }

        Assert.Equal(longest, int.Parse(AtMost().Match(general.TotalTime).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryCategory_ServiceIsInThePack_AndUnmappedOnesCountAsGeneralComplaints()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);
        Assert.Contains(pack.Services, s => s.Id == GeneralComplaintService);
        Assert.All(pack.ComplaintCategories.Where(c => c.Service is not null), c => Assert.Contains(pack.Services, s => s.Id == c.Service));
        Assert.Equal("street-light-repair", pack.ComplaintCategories.Single(c => c.Id == "street-light").Service);
    }

    /// <summary>
    /// The day counts an answer may promise: those of the category it is about (its service, or "หมวด…" naming it), or
    /// for the general how-to, the usual acknowledge day and the longest answer time. Null: not about complaints.
    /// </summary>
    private static HashSet<int>? Allowed(ContentPack pack, string? serviceId, string answer)
    {
        var category = pack.ComplaintCategories.FirstOrDefault(c => c.Service is not null && c.Service == serviceId)
            ?? pack.ComplaintCategories.FirstOrDefault(c => answer.Contains("หมวด" + c.Name.Split('/')[0], StringComparison.Ordinal));
        if (category is not null)
        {
            return [category.AcknowledgeWorkingDays, category.AnswerWorkingDays];
        }

        return serviceId == GeneralComplaintService
            ? [pack.ComplaintCategories.Min(c => c.AcknowledgeWorkingDays), pack.ComplaintCategories.Max(c => c.AnswerWorkingDays)]
            : null;
    }
}
