using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reports;

/// <summary>
/// What a newcomer does (README): <c>seed</c> then <c>report --fiscal-year</c>, both through the command line the service
/// runs, into one data directory; the four documents written must print every shared figure alike.
/// </summary>
public sealed partial class SeedThenReportTests : IAsyncLifetime
{
    private LineStandIn _line = null!;

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task SeedThenReport_ThroughTheCommands_EveryPartHasFigures_AndTheDocumentsAgree()
    {
        await using var host = new ServiceHost(_line);
        var directory = TempDirectory.Create();

        var (seeded, seedOutput) = await RunAsync(host, "seed", "--cases", "300", "--fiscal-years", "2568-2568", "--random-seed", "7");
        var (reported, reportOutput) = await RunAsync(host, "report", "--fiscal-year", "2568", "--out", directory);

        Assert.True(seeded == 0, seedOutput);
        Assert.True(reported == 0, reportOutput);
        Assert.Contains("Seeded 300 cases", seedOutput, StringComparison.Ordinal);
        var snapshot = host.Services.GetRequiredService<IReportCompiler>().Latest("fy2568")!;
        var (complaints, corruption, services) = (snapshot.Complaints, snapshot.Corruption, snapshot.Services);
        // seed makes every part of the reports, not general complaints alone
        Assert.Equal(300, complaints.Total);
        Assert.True(corruption.Total > 0 && services.Questions.Questions > 0 && services.WalkInTotal > 0 && services.EServiceTotal > 0,
            $"corruption {corruption.Total}, questions {services.Questions.Questions}, walk-in {services.WalkInTotal}, E-Service {services.EServiceTotal}");
        Assert.Equal(complaints.Total, complaints.Completed + complaints.InProgress);
        Assert.Equal(corruption.Total, corruption.Completed + corruption.InProgress);

        var files = Written().Matches(reportOutput).ToDictionary(m => m.Groups[1].Value, m => File.ReadAllBytes(m.Groups[2].Value), StringComparer.Ordinal);
        Assert.Equal(["complaints-docx", "corruption-docx", "measures-docx", "services-docx"], files.Keys.Where(k => k.EndsWith("-docx", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        var measures = DocxTestKit.Text(files["measures-docx"]);

        var complaintRows = DocxTestKit.Tables(files["complaints-docx"]).SelectMany(t => t).ToList();
        Assert.Equal(2, complaintRows.Count(r => r.Length >= 2 && r[0] == "ดำเนินการแล้วเสร็จ" && r[1] == N(complaints.Completed)));   // totals and status tables
        Assert.Equal(2, complaintRows.Count(r => r.Length >= 2 && r[0] == "อยู่ระหว่างดำเนินการ" && r[1] == N(complaints.InProgress)));
        Assert.Contains($"เรื่องร้องเรียนร้องทุกข์ทั่วไป {N(complaints.Total)} เรื่อง ดำเนินการแล้วเสร็จ {N(complaints.Completed)} เรื่อง", measures, StringComparison.Ordinal);

        var corruptionRows = DocxTestKit.Tables(files["corruption-docx"]).SelectMany(t => t).ToList();
        Assert.Equal(2, corruptionRows.Count(r => r.Length >= 2 && r[0] == "ดำเนินการแล้วเสร็จ" && r[1] == N(corruption.Completed)));
        Assert.Contains(
            $"เรื่องร้องเรียนทั้งหมด {N(corruption.Total)} เรื่อง ดำเนินการแล้วเสร็จ {N(corruption.Completed)} เรื่อง อยู่ระหว่างดำเนินการ {N(corruption.InProgress)} เรื่อง",
            measures, StringComparison.Ordinal);

        var serviceTotals = DocxTestKit.Tables(files["services-docx"])[0][^1];
        Assert.Equal(["", "รวม", N(services.WalkInTotal), N(services.EServiceTotal), N(services.WalkInTotal + services.EServiceTotal)], serviceTotals);
        Assert.Contains($"Walk-in) {N(services.WalkInTotal)} ครั้ง และผ่านช่องทาง E-Service {N(services.EServiceTotal)} ครั้ง รวม {N(services.WalkInTotal + services.EServiceTotal)} ครั้ง",
            measures, StringComparison.Ordinal);
        Assert.Contains($"มีคำถาม {N(services.Questions.Questions)} คำถาม", measures, StringComparison.Ordinal);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static async Task<(int? Code, string Output)> RunAsync(ServiceHost host, params string[] args)
    {
        using var output = new StringWriter();
        var code = await CommandLine.TryRunAsync(host.Services, args, output);
        return (code, output.ToString());
    }

    /// <summary>"complaints-docx        /tmp/…/x.docx (12,345 bytes) title": the kind and the path of each file written.</summary>
    [GeneratedRegex(@"^(\S+-docx)\s+(\S+\.docx) \(", RegexOptions.Multiline)]
    private static partial Regex Written();
}
