using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Reports;
using ItaBot.Reports.Docx;
using ItaBot.Transparency;

namespace ItaBot.Tests.Reports;

/// <summary>
/// What a citizen or an ITA auditor reads: no file name, format name or code word in any document, one definition of
/// "done" stated once per document, and the same figure printed alike in every document.
/// </summary>
public sealed partial class DocumentWordingTests
{
    /// <summary>File names and formats, identifiers (snake_case, kebab-case), template braces and words of the code base.</summary>
    [GeneratedRegex(@"\.(ya?ml|json|csv|docx|html|cs)\b|\b[a-z]+(?:[_-][a-z]+)+\b|[{}]|\b(?:carousel|ItaBot|vault|Flex|snapshot|null|integrity_unit|itabot)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeWord();

    public static TheoryData<string> Snapshots => ["Fy2568", "EmptyMonth"];

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void EveryDocument_HasNoFileNameFormatNameOrCodeWord(string sample)
    {
        var snapshot = DocxTestKit.Sample(sample);
        foreach (var (kind, text) in Documents(snapshot))
        {
            var found = CodeWord().Matches(text).Select(m => m.Value).Where(Allowed).Distinct().ToList();
            Assert.True(found.Count == 0, $"{kind}: {string.Join(", ", found)}");
        }

        // Words of the ITA's own template (E-Service, Walk-in, Q&A) and the agency's web address are not code words.
        static bool Allowed(string word) => !(word.Equals("walk-in", StringComparison.OrdinalIgnoreCase) || word.Equals("e-service", StringComparison.OrdinalIgnoreCase)
            || word.Equals("e-mail", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MeasuresReport_OutputAndOutcome_AreTheAgencysSentencesWithTheSnapshotsFigures()
    {
        var snapshot = SampleSnapshots.Fy2568();
        var tables = DocxTestKit.Tables(DocxTestKit.Renderer("measures-docx").Render(snapshot).Content);
        var rows = tables.Single().Skip(1).ToList();
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r[5]), $"measure {r[0]}: output empty"));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r[6]), $"measure {r[0]}: outcome empty"));
        var m46 = rows.Single(r => r[0] == "4.6");
        Assert.Contains("มีคำถาม 1,500 คำถาม", m46[5], StringComparison.Ordinal);
        Assert.Contains("ร้อยละ 86.7", m46[6], StringComparison.Ordinal);   // (900 + 400) / 1,500
        var m83 = rows.Single(r => r[0] == "8.3");
        Assert.Contains("เรื่องร้องเรียนทั้งหมด 7 เรื่อง ดำเนินการแล้วเสร็จ 5 เรื่อง อยู่ระหว่างดำเนินการ 2 เรื่อง", m83[5], StringComparison.Ordinal);
        Assert.Contains("ความพึงพอใจเฉลี่ย 4.3 จาก 5", m83[6], StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_AreStatedOncePerDocument_AndTheSameFigureAgreesAcrossDocuments()
    {
        var snapshot = SampleSnapshots.Fy2568();
        var documents = Documents(snapshot).ToDictionary(d => d.Kind, d => d.Text, StringComparer.Ordinal);
        foreach (var kind in new[] { "complaints-docx", "corruption-docx", "measures-docx" })
        {
            Assert.Equal(1, Occurrences(documents[kind], "“ดำเนินการแล้วเสร็จ” หมายถึง"));
        }

        Assert.Equal(2, Occurrences(documents["statistics-html"], "“ดำเนินการแล้วเสร็จ” หมายถึง"));   // one per part: corruption, complaints
        Assert.Equal(1, Occurrences(documents["services-docx"], "“E-Service” หมายถึง"));

        // general complaints: 1,234 filed, 1,100 done (closed: resolved 1,050 + referred 30 + rejected 20), 134 in progress
        var complaints = DocxTestKit.Tables(DocxTestKit.Renderer("complaints-docx").Render(snapshot).Content);
        Assert.Contains(complaints.SelectMany(t => t), r => r is ["ดำเนินการแล้วเสร็จ", "1,100", _]);
        Assert.Equal(2, complaints.SelectMany(t => t).Count(r => r is ["ดำเนินการแล้วเสร็จ", "1,100", _]));   // totals and status tables
        Assert.Contains(complaints.SelectMany(t => t), r => r is ["- " + ReportDefinitions.Resolved, "1,050", _]);
        Assert.DoesNotContain(complaints.SelectMany(t => t), r => r[0].TrimStart('-', ' ') == "เสร็จสิ้น");
        Assert.Contains("เรื่องร้องเรียนร้องทุกข์ทั่วไป 1,234 เรื่อง ดำเนินการแล้วเสร็จ 1,100 เรื่อง (ร้อยละ 89.1)", documents["measures-docx"], StringComparison.Ordinal);
        Assert.Matches(@"สรุปเรื่องร้องเรียนทั่วไป\s+เรื่องร้องเรียนทั้งหมด\s+ดำเนินการแล้วเสร็จ\s+อยู่ระหว่างดำเนินการ\s+1,234\s+1,100\s+134", documents["statistics-html"]);

        // corruption: 7 filed, 5 done, 2 in progress
        var corruption = DocxTestKit.Tables(DocxTestKit.Renderer("corruption-docx").Render(snapshot).Content).SelectMany(t => t).ToList();
        Assert.Equal(2, corruption.Count(r => r is ["ดำเนินการแล้วเสร็จ", "5", _]));
        Assert.Matches(@"สรุปเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ\s+เรื่องร้องเรียนทั้งหมด\s+ดำเนินการแล้วเสร็จ\s+อยู่ระหว่างดำเนินการ\s+7\s+5\s+2", documents["statistics-html"]);

        // services: walk-in 3,100 and E-Service 2,500, in the services report's first table and the measures report
        var services = DocxTestKit.Tables(DocxTestKit.Renderer("services-docx").Render(snapshot).Content);
        Assert.Equal(["", "รวม", "3,100", "2,500", "5,600"], services[0][^1]);
        Assert.Contains("Walk-in) 3,100 ครั้ง และผ่านช่องทาง E-Service 2,500 ครั้ง รวม 5,600 ครั้ง", documents["measures-docx"], StringComparison.Ordinal);
    }

    /// <summary>Every document a citizen or auditor reads, as plain text: the four DOCX reports and the public page.</summary>
    private static IEnumerable<(string Kind, string Text)> Documents(ReportSnapshot snapshot)
    {
        foreach (var renderer in DocxTestKit.Renderers())
        {
            yield return (renderer.Kind, DocxTestKit.Text(renderer.Render(snapshot).Content));
        }

        var html = Encoding.UTF8.GetString(new StatisticsHtmlRenderer().Render(snapshot).Content);
        yield return ("statistics-html", VisibleText(html));
    }

    /// <summary>The text a reader sees: the body without style, script, SVG drawing or tags.</summary>
    private static string VisibleText(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        body = Regex.Replace(body, @"<(style|script)[^>]*>.*?</\1>", " ", RegexOptions.Singleline);
        body = Regex.Replace(body, @"<[^>]+>", " ");
        return System.Net.WebUtility.HtmlDecode(body);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
