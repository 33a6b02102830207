using System.Globalization;
using ItaBot.Cli;
using ItaBot.Line.Testing;
using ItaBot.Reports;
using ItaBot.Simulator;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Reports;

/// <summary>"report …" run in-process against the service's temp data directory, with the fake compiler and two renderers.</summary>
public sealed class ReportCommandTests : IAsyncLifetime
{
    private LineStandIn _line = null!;
    private readonly string _out = Path.Combine(TempDirectory.Create(), "out");

    public async ValueTask InitializeAsync() => _line = await LineStandIn.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _line.DisposeAsync();

    private static async Task<(int? Code, string Output)> RunAsync(ServiceHost host, params string[] args)
    {
        using var output = new StringWriter();
        var code = await CommandLine.TryRunAsync(host.Services, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task FiscalYear_WritesEveryDocumentUnderItsFileName_OneLinePerFile_Exit0()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);

        var (code, output) = await RunAsync(host, "report", "--fiscal-year", "2568", "--out", _out);

        Assert.True(code == 0, output);
        var call = Assert.Single(compiler.Calls);
        Assert.Equal(ReportPeriod.ForFiscalYear(2568), call.Period);
        Assert.Equal("cli", call.CompiledBy);
        var snapshot = Assert.Single(compiler.List());
        Assert.Contains("fy2568 (ประจำปีงบประมาณ พ.ศ. 2568)", output, StringComparison.Ordinal);
        Assert.Contains(snapshot.Trace.Digest, output, StringComparison.Ordinal);
        foreach (var renderer in PublishHost.Renderers)
        {
            var document = renderer.Render(snapshot);
            var path = Path.Combine(_out, document.FileName);
            Assert.Equal(document.Content, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
            Assert.Single(output.Split('\n'), l => l.StartsWith(renderer.Kind, StringComparison.Ordinal) && l.Contains(path, StringComparison.Ordinal) && l.Contains(renderer.Title, StringComparison.Ordinal));
        }

        Assert.Equal(PublishHost.Renderers.Length, Directory.GetFiles(_out).Length);
    }

    [Theory]
    [InlineData("--from 2025-01-01 --to 2025-03-31", "2025-01-01_2025-03-31")]
    [InlineData("--month 2568-03", "2568-03")]
    [InlineData("--quarter fy2568-q2", "fy2568-q2")]
    [InlineData("--half-year 2568", "fy2568-h1")]
    [InlineData("--period fy2567", "fy2567")]
    public async Task OtherPeriods_CompileThePeriodNamed(string options, string slug)
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);

        var (code, output) = await RunAsync(host, ["report", .. options.Split(' '), "--out", _out]);

        Assert.True(code == 0, output);
        Assert.Equal(slug, Assert.Single(compiler.Calls).Period.Slug);
        Assert.All(Directory.GetFiles(_out), f => Assert.Contains(slug, Path.GetFileName(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task FutureFiscalYear_IsCompiledWithAWarning_DocumentsStillWritten()
    {
        var compiler = new FakeReportCompiler(TimeProvider.System) { EmptyFrom = ReportPeriodInput.Today(TimeProvider.System) };
        await using var host = PublishHost.Create(_line, compiler);
        var next = ReportPeriod.FiscalYearOf(ReportPeriodInput.Today(TimeProvider.System)) + 1;

        var (code, output) = await RunAsync(host, "report", "--fiscal-year", next.ToString(CultureInfo.InvariantCulture), "--out", _out);

        Assert.True(code == 0, output);
        Assert.StartsWith("warning: fy" + next.ToString(CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Contains("nothing to count yet", output, StringComparison.Ordinal);
        Assert.Equal(PublishHost.Renderers.Length, Directory.GetFiles(_out).Length);
        Assert.Contains(",0,0", await File.ReadAllTextAsync(Directory.GetFiles(_out)[0], TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fiscal-year 2025 --out D", "give a fiscal year in the Buddhist Era")]
    [InlineData("--fiscal-year soon --out D", "give a fiscal year in the Buddhist Era")]
    [InlineData("--from 2025-03-31 --to 2025-01-01 --out D", "--to 2025-01-01 is before --from 2025-03-31")]
    [InlineData("--from 2025-02-30 --to 2025-03-31 --out D", "give a date as yyyy-MM-dd")]
    [InlineData("--from 2025-01-01 --out D", "--from and --to go together")]
    [InlineData("--month 2568-13 --out D", "write it as 2568-03")]
    [InlineData("--month fy2568 --out D", "write it as 2568-03")]
    [InlineData("--quarter fy2568-q5 --out D", "write it as fy2568-q2")]
    [InlineData("--fiscal-year 2568", "--out DIR is required")]
    [InlineData("--out D", "Give the period to report")]
    [InlineData("--fiscal-year 2568 --month 2568-03 --out D", "Give one period only")]
    [InlineData("--fiscal-year 2568 --out", "--out needs a value")]
    [InlineData("--year 2568 --out D", "Unknown option --year")]
    public async Task BadInput_Exits2WithTheReasonAndUsage_CompilesAndWritesNothing(string options, string reason)
    {
        var compiler = new FakeReportCompiler(TimeProvider.System);
        await using var host = PublishHost.Create(_line, compiler);

        var (code, output) = await RunAsync(host, ["report", .. options.Split(' ')]);

        Assert.Equal(2, code);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.Contains(ReportCommand.Usage, output, StringComparison.Ordinal);
        Assert.Empty(compiler.Calls);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void ReportPeriodInput_Form_ReadsEveryKindAndRefusesAPeriodNotBegun()
    {
        var today = new DateOnly(2025, 2, 14);
        ReportPeriodInput.Result Read(params string[] pairs)
        {
            var fields = pairs.Chunk(2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            return ReportPeriodInput.FromForm(n => fields.GetValueOrDefault(n), today);
        }

        Assert.Equal("fy2568", Read("kind", "fy", "year", "2568").Period!.Slug);
        Assert.Equal("fy2568-h1", Read("kind", "h1", "year", "2568").Period!.Slug);
        Assert.Equal("fy2568-q2", Read("kind", "q", "year", "2568", "quarter", "2").Period!.Slug);
        Assert.Equal("2568-01", Read("kind", "month", "year", "2568", "month", "1").Period!.Slug);
        Assert.Equal("fy2568-ytd-2025-02-14", Read("kind", "ytd").Period!.Slug);
        Assert.Equal("2024-02-29_2025-02-28", Read("kind", "custom", "fromDay", "29", "fromMonth", "2", "fromYear", "2567",
            "toDay", "28", "toMonth", "2", "toYear", "2568").Period!.Slug);
        Assert.Equal("2568-02", Read("kind", "month", "year", "2568", "month", "2").Period!.Slug);     // this month: begun, runs to now
        Assert.Contains("ยังไม่เริ่มค่ะ", Read("kind", "month", "year", "2568", "month", "3").Error, StringComparison.Ordinal);
        Assert.Contains("ยังไม่เริ่มค่ะ", Read("kind", "q", "year", "2568", "quarter", "3").Error, StringComparison.Ordinal);
        Assert.Contains("วันที่ไม่ถูกต้องค่ะ", Read("kind", "custom", "fromDay", "29", "fromMonth", "2", "fromYear", "2568",
            "toDay", "1", "toMonth", "3", "toYear", "2568").Error, StringComparison.Ordinal);     // 2025 has no 29 February
    }
}
