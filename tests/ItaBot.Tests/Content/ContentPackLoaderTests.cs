using ItaBot.Content;

namespace ItaBot.Tests.Content;

public sealed class ContentPackLoaderTests
{
    [Fact]
    public void Load_ShippedPack_HasNoErrors()
    {
        var (pack, errors) = ContentPackLoader.TryLoad(TempContentPack.ShippedDirectory);

        Assert.Empty(errors.Select(e => e.ToString()));
        Assert.NotNull(pack);
        Assert.True(pack.Agency.Sample);
        Assert.Equal("เทศบาลตำบลโนนทอง", pack.Agency.Name);
        Assert.Equal("เกษตรสมบูรณ์", pack.Agency.Address.District);
        Assert.Equal("ชัยภูมิ", pack.Agency.Address.Province);
    }

    [Fact]
    public void Load_ShippedPack_HasAtLeast25ServicesWithAllSixFields()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);

        Assert.True(pack.Services.Count >= 25, $"{pack.Services.Count} services");
        Assert.All(pack.Services, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Name));
            Assert.NotEmpty(s.Steps);
            Assert.All(s.Steps, step => Assert.False(string.IsNullOrWhiteSpace(step.Time), $"{s.Id}: a step without its time"));
            Assert.False(string.IsNullOrWhiteSpace(s.TotalTime));
            Assert.NotEmpty(s.Channels);
            Assert.NotNull(s.Fee);
            Assert.NotEmpty(s.Documents);
            Assert.NotEmpty(s.Laws);
            Assert.NotNull(pack.FindUnit(s.UnitId));
        });
    }

    [Fact]
    public void Load_ShippedPack_EveryFeeIsBahtOrTheNoFeeText()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);

        Assert.All(pack.Services, s =>
        {
            if (s.Fee.IsFree)
            {
                Assert.Equal("ไม่มีค่าธรรมเนียม", s.Fee.ToString());
            }
            else
            {
                Assert.All(s.Fee.Items, i =>
                {
                    Assert.True(i.Baht >= 0);
                    Assert.False(string.IsNullOrWhiteSpace(i.Covers));
                });
                Assert.Contains("บาท", s.Fee.ToString(), StringComparison.Ordinal);
            }
        });
        Assert.Contains(pack.Services, s => s.Fee.IsFree);
        Assert.Contains(pack.Services, s => !s.Fee.IsFree);
    }

    [Fact]
    public void Load_ShippedPack_HasAtLeast60FaqEntriesWithPhrasingsAndShortAnswers()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);

        Assert.True(pack.Faq.Count >= 60, $"{pack.Faq.Count} FAQ entries");
        Assert.All(pack.Faq, f =>
        {
            Assert.True(f.Alternatives.Count >= 3, $"{f.Id}: {f.Alternatives.Count} alternative phrasings");
            Assert.InRange(f.Answer.Length, 1, ContentPackLoader.MaxAnswerLength);
        });
    }

    [Fact]
    public void Load_ShippedPack_HasTheOtherKinds()
    {
        var pack = ContentPackLoader.Load(TempContentPack.ShippedDirectory);

        Assert.Contains(pack.Executives, e => e.Position.StartsWith("นายกเทศมนตรี", StringComparison.Ordinal));
        Assert.Contains(pack.Executives, e => e.Group == ExecutiveGroup.Council);
        Assert.All(pack.Executives, e => Assert.Equal(Uri.UriSchemeHttps, e.PhotoUrl.Scheme));
        Assert.Contains(pack.Units, u => u.Name == "กองคลัง");
        Assert.NotEmpty(pack.Powers);
        Assert.InRange(pack.News.Count, 6, 8);
        Assert.Contains(pack.ComplaintCategories, c => c.Id == "other");
        Assert.All(pack.ComplaintCategories, c => Assert.NotNull(pack.FindUnit(c.Department)));
        foreach (var id in new[] { "3.1", "3.3", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "8.1", "8.2", "8.3" })
        {
            Assert.Contains(pack.Measures, m => m.Id == id);
        }

        Assert.InRange(pack.Agency.Location.Latitude, 15.5, 17);
        Assert.Equal(new TimeOnly(8, 30), pack.Agency.OfficeHours.Open);
        Assert.False(string.IsNullOrWhiteSpace(pack.Agency.IntegrityUnit.Phone));
    }

    [Fact]
    public void Load_MissingField_NamesFileLineAndField()
    {
        using var temp = new TempContentPack();
        var line = temp.Replace("services.yaml", "    total_time: 20 นาที\n", string.Empty);

        var error = AssertSingleError(temp, "services.yaml", "services[0].total_time");

        Assert.Contains("is required", error.Message, StringComparison.Ordinal);
        // reported at the start of the entry that lacks it, which is above the removed line
        Assert.InRange(error.Line, 2, line);
        Assert.StartsWith("content/services.yaml line ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadFee_NamesTheRule()
    {
        using var temp = new TempContentPack();
        var line = temp.Replace("services.yaml", "fee: ไม่มีค่าธรรมเนียม", "fee: ฟรี");

        var error = AssertSingleError(temp, "services.yaml", "services[0].fee");

        Assert.Equal(line, error.Line);
        Assert.Equal(
            $"content/services.yaml line {line}: services[0].fee: must be a number of baht or \"ไม่มีค่าธรรมเนียม\" (or baht/covers pairs)",
            error.ToString());
    }

    [Fact]
    public void Load_DuplicateId_NamesTheSecondAndTheFirstLine()
    {
        using var temp = new TempContentPack();
        var first = temp.Read("faq.yaml").Split('\n').ToList().FindIndex(l => l.Contains("- id: office-hours", StringComparison.Ordinal)) + 1;
        var line = temp.Replace("faq.yaml", "- id: contact-phone", "- id: office-hours");

        var errors = ContentPackLoader.TryLoad(temp.Directory).Errors;

        var duplicate = Assert.Single(errors, e => e.Message.StartsWith("duplicate id", StringComparison.Ordinal));
        Assert.Equal("content/faq.yaml", duplicate.File);
        Assert.Equal(line, duplicate.Line);
        Assert.Equal("faq[1].id", duplicate.Field);
        Assert.Contains($"first used at line {first}", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FaqReferencesUnknownService_NamesTheReference()
    {
        using var temp = new TempContentPack();
        var line = temp.Replace("faq.yaml", "service: birth-registration", "service: birth-registraton");

        var error = AssertSingleError(temp, "faq.yaml", "faq[", e => e.Field.EndsWith(".service", StringComparison.Ordinal));

        Assert.Equal(line, error.Line);
        Assert.Contains("\"birth-registraton\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelatedAndDepartmentReferencesUnknownIds_ReportsBoth()
    {
        using var temp = new TempContentPack();
        temp.Replace("faq.yaml", "related: [contact-phone, office-location]", "related: [contact-phone, nowhere]");
        var departmentLine = temp.Replace("complaint-categories.yaml", "department: health", "department: sanitation");

        var errors = ContentPackLoader.TryLoad(temp.Directory).Errors;

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.File == "content/faq.yaml" && e.Field == "faq[0].related[1]" && e.Message.Contains("\"nowhere\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File == "content/complaint-categories.yaml" && e.Line == departmentLine && e.Field.EndsWith(".department", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://www.nonthong.go.th/images/executives/mayor.jpg")]
    [InlineData("ftp://www.nonthong.go.th/mayor.jpg")]
    [InlineData("images/mayor.jpg")]
    public void Load_PhotoUrlNotHttps_NamesTheField(string url)
    {
        using var temp = new TempContentPack();
        var line = temp.Replace("executives.yaml", "https://www.nonthong.go.th/images/executives/mayor.jpg", url);

        var error = AssertSingleError(temp, "executives.yaml", "executives[0].photo_url");

        Assert.Equal(line, error.Line);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadYamlSyntax_NamesTheLine()
    {
        using var temp = new TempContentPack();
        var line = temp.Replace("news.yaml", "    title: ประชาสัมพันธ์การชำระภาษี", "    title: [ประชาสัมพันธ์การชำระภาษี");

        var errors = ContentPackLoader.TryLoad(temp.Directory).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("content/news.yaml", error.File);
        Assert.Equal("(yaml)", error.Field);
        Assert.InRange(error.Line, line, line + 2);
    }

    [Fact]
    public void Load_SeveralMistakesInSeveralFiles_ReportsThemAll()
    {
        using var temp = new TempContentPack();
        temp.Replace("agency.yaml", "latitude: 16.2331", "latitude: 96.2");
        temp.Replace("news.yaml", "date: 2025-02-03", "date: 2025-02-30");
        temp.Replace("services.yaml", "    fee: ไม่มีค่าธรรมเนียม", "    fees: ไม่มีค่าธรรมเนียม");
        temp.Replace("faq.yaml", "answer: ยินดีค่ะ", "answer: " + new string('ก', 5001));

        var exception = Assert.Throws<ContentPackException>(() => ContentPackLoader.Load(temp.Directory));

        var fields = exception.Errors.Select(e => $"{e.File} {e.Field}").ToList();
        Assert.Contains("content/agency.yaml location.latitude", fields);
        Assert.Contains("content/news.yaml news[0].date", fields);
        Assert.Contains("content/services.yaml services[0].fee", fields);
        Assert.Contains("content/services.yaml services[0].fees", fields);
        Assert.Contains(fields, f => f.StartsWith("content/faq.yaml faq[", StringComparison.Ordinal) && f.EndsWith(".answer", StringComparison.Ordinal));
        Assert.Contains("characters; at most 5000 allowed", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        using var temp = new TempContentPack();
        File.Delete(temp.PathOf("measures.yaml"));

        var error = AssertSingleError(temp, "measures.yaml", "(file)");

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    private static ContentError AssertSingleError(TempContentPack temp, string file, string fieldPrefix, Func<ContentError, bool>? also = null)
    {
        var errors = ContentPackLoader.TryLoad(temp.Directory).Errors;
        var error = Assert.Single(errors);
        Assert.Equal($"content/{file}", error.File);
        Assert.StartsWith(fieldPrefix, error.Field, StringComparison.Ordinal);
        Assert.True(also?.Invoke(error) ?? true, error.ToString());
        return error;
    }
}
