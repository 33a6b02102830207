using ItaBot.Cases;
using static ItaBot.Tests.Cases.CaseTestKit;
using ItaBot.Seed;

namespace ItaBot.Tests.Cases;

/// <summary>Seeds a small municipality once (600 cases over FY 2567–2568) and checks the seed and the staff list on it.</summary>
public sealed class SeedAndListTests : IAsyncLifetime
{
    private CaseTestKit _kit = null!;
    private List<CaseRecord> _all = null!;
    private string _output = "";

    public async ValueTask InitializeAsync()
    {
        _kit = new CaseTestKit(Bangkok(2025, 6, 2, 9, 0));
        var seed = new SeedCommand(_kit.Cases, _kit.Content, _kit.Calendar, _kit.Time);
        using var output = new StringWriter();
        Assert.Equal(0, await seed.RunAsync(["--cases", "600", "--fiscal-years", "2567-2568"], output, CancellationToken.None));
        _output = output.ToString();
        _all = _kit.AllCases();
    }

    public async ValueTask DisposeAsync() => await _kit.DisposeAsync();

    [Fact]
    public void Seed_StoresEveryCaseNumberedPerFiscalYearInTimeOrder()
    {
        Assert.Contains("Seeded 600 cases", _output, StringComparison.Ordinal);
        Assert.Equal(600, _all.Count);
        Assert.Equal(600, _all.Select(c => c.Number).Distinct(StringComparer.Ordinal).Count());
        foreach (var year in _all.GroupBy(c => c.FiscalYear))
        {
            Assert.Contains(year.Key, new[] { 2567, 2568 });
            var ordered = year.OrderBy(c => c.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(c => c.Sequence));
            Assert.Equal(ordered.Select(c => c.CreatedAt).Order(), ordered.Select(c => c.CreatedAt));
            Assert.All(ordered, c => Assert.Equal(year.Key, CaseNumbers.FiscalYear(c.CreatedAt)));
        }

        Assert.Equal(2, _all.Select(c => c.FiscalYear).Distinct().Count());
        Assert.All(_all, c => Assert.InRange(c.CreatedAt, CaseNumbers.FiscalYearStartUtc(2567), _kit.Time.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public void Seed_TimelinesChannelsStatusesAndRatingsArePlausible()
    {
        var categories = _kit.Content.Current.ComplaintCategories.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Assert.All(_all, c =>
        {
            Assert.Equal(categories[c.CategoryId].Department, c.Department);
            Assert.Equal(c.Status.IsClosed(), c.ClosedAt is not null);
            Assert.Equal(c.Timeline.Count, c.Version);
            Assert.Equal(CaseEventKind.Created, c.Timeline[0].Kind);
            Assert.Equal(c.Timeline.Select(e => e.At).Order(), c.Timeline.Select(e => e.At));
            Assert.True(c.Rating is null || (c.Status == CaseStatus.Completed && c.Rating.Score is >= 1 and <= 5));
            Assert.Equal(c.Channel == CaseChannel.Line, c.CitizenLineUserId is not null);
            Assert.True(c.AcknowledgeBy > c.CreatedAt && c.AnswerBy >= c.AcknowledgeBy);
        });
        Assert.True(_all.Select(c => c.Status).Distinct().Count() >= 5, "statuses: " + string.Join(",", _all.Select(c => c.Status).Distinct()));
        Assert.Equal(5, _all.Select(c => c.Channel).Distinct().Count());
        Assert.Contains(_all, c => c.Rating is not null);
        Assert.True(_all.Count(c => c.Status.IsClosed()) > _all.Count / 2);
    }

    [Fact]
    public async Task Seed_BadArguments_ExitCodeTwo()
    {
        var seed = new SeedCommand(_kit.Cases, _kit.Content, _kit.Calendar, _kit.Time);
        using var output = new StringWriter();
        Assert.Equal(2, await seed.RunAsync(["--cases", "abc"], output, CancellationToken.None));
        Assert.Equal(2, await seed.RunAsync(["--fiscal-years", "2568-2566", "--cases", "5"], output, CancellationToken.None));
        Assert.Equal(2, await seed.RunAsync([], output, CancellationToken.None));
    }

    public static TheoryData<string> Filters() => ["none", "status", "department", "category", "channel", "assignee", "department+status", "category+channel", "overdue", "overdue+department"];

    [Theory]
    [MemberData(nameof(Filters))]
    public void List_EveryFilter_MatchesAFullScanPageByPage(string name)
    {
        var some = _all[_all.Count / 3];
        var filter = name switch
        {
            "status" => new CaseFilter { Status = CaseStatus.Completed },
            "department" => new CaseFilter { Department = some.Department },
            "category" => new CaseFilter { CategoryId = some.CategoryId },
            "channel" => new CaseFilter { Channel = CaseChannel.Phone },
            "assignee" => new CaseFilter { AssigneeId = _all.First(c => c.AssigneeId is not null).AssigneeId },
            "department+status" => new CaseFilter { Department = "engineering", Status = CaseStatus.Completed },
            "category+channel" => new CaseFilter { CategoryId = some.CategoryId, Channel = CaseChannel.Line },
            "overdue" => new CaseFilter { OverdueOnly = true },
            "overdue+department" => new CaseFilter { OverdueOnly = true, Department = "health" },
            _ => new CaseFilter(),
        };
        var now = _kit.Time.GetUtcNow().UtcDateTime;
        var expected = _all.Where(c =>
                (filter.Status is null || c.Status == filter.Status)
                && (filter.Department is null || c.Department == filter.Department)
                && (filter.CategoryId is null || c.CategoryId == filter.CategoryId)
                && (filter.Channel is null || c.Channel == filter.Channel)
                && (filter.AssigneeId is null || c.AssigneeId == filter.AssigneeId)
                && (!filter.OverdueOnly || IsOverdue(c, now)))
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id, StringComparer.Ordinal)
            .Select(c => c.Number).ToList();
        Assert.NotEmpty(expected);

        var listed = new List<string>();
        for (var page = 1; ; page++)
        {
            var result = _kit.Cases.List(filter, page, 25);
            listed.AddRange(result.Items.Select(c => c.Number));
            Assert.Equal(listed.Count < expected.Count, result.HasMore);
            if (!result.HasMore)
            {
                break;
            }
        }

        Assert.Equal(expected, listed);
    }

    private static bool IsOverdue(CaseRecord c, DateTime now) =>
        !c.Status.IsClosed() && (c.AnswerBy < now || (c.AcknowledgedAt is null && c.AcknowledgeBy < now));

    [Fact]
    public async Task List_Overdue_FollowsTheClockAndAcknowledgement()
    {
        _kit.Time.SetUtcNow(Bangkok(2025, 6, 2, 9, 0));
        var fresh = await _kit.CreateAsync();
        Assert.DoesNotContain(_kit.Cases.List(new CaseFilter { OverdueOnly = true }, 1, 200).Items, c => c.Id == fresh.Id);

        _kit.Time.SetUtcNow(Bangkok(2025, 6, 4, 23, 0));   // Tue 3 Jun is a holiday: due by the end of Wednesday
        Assert.DoesNotContain(_kit.Cases.List(new CaseFilter { OverdueOnly = true }, 1, 200).Items, c => c.Id == fresh.Id);

        _kit.Time.SetUtcNow(Bangkok(2025, 6, 5, 0, 1));
        Assert.Contains(_kit.Cases.List(new CaseFilter { OverdueOnly = true }, 1, 200).Items, c => c.Id == fresh.Id);

        await _kit.Cases.AssignAsync(fresh.Id, 1, "officer-1", "head-1");   // acknowledged (late), answer not yet due
        Assert.DoesNotContain(_kit.Cases.List(new CaseFilter { OverdueOnly = true }, 1, 200).Items, c => c.Id == fresh.Id);
    }

    [Theory]
    [InlineData("ร68-00042", new[] { "ร68-00042" })]
    [InlineData(" 68-42 ", new[] { "ร68-00042" })]
    [InlineData("๖๘-๐๐๐๔๒", new[] { "ร68-00042" })]
    [InlineData("42", new[] { "ร68-00042", "ร67-00042" })]
    [InlineData("ร99-00001", new string[0])]
    [InlineData("street", new string[0])]
    public void List_NumberSearch_FindsTheCase(string text, string[] expected) =>
        Assert.Equal(expected, _kit.Cases.List(new CaseFilter { Number = text }).Items.Select(c => c.Number));
}
