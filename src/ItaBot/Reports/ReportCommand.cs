using System.Globalization;
using ItaBot.Cli;

namespace ItaBot.Reports;

/// <summary>
/// <c>report --fiscal-year 2568 --out DIR</c> (or <c>--half-year 2568</c>, <c>--quarter fy2568-q2</c>, <c>--month 2568-03</c>,
/// <c>--from 2025-01-01 --to 2025-03-31</c>, <c>--period SLUG</c>): compiles the period without the web server, stores the
/// snapshot (by "cli") so that its figures can be traced, and writes every registered document into DIR under its own
/// file name, one line per file. A period that has not begun is compiled all the same (empty documents) with a warning;
/// bad input exits 2 with the reason.
/// </summary>
internal sealed class ReportCommand(IServiceProvider services, TimeProvider time) : ICliCommand
{
    public const string Usage =
        "usage: report (--fiscal-year 2568 | --half-year 2568 | --quarter fy2568-q2 | --month 2568-03 | --from 2025-01-01 --to 2025-03-31) --out DIR";

    public IReadOnlyList<string> Words => ["report"];

    public string Description => "report --fiscal-year 2568 --out DIR: write every report document of a period (also --from/--to, --month, --quarter, --half-year)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        if (!TryParse(arguments, out var period, out var directory, out var error))
        {
            await output.WriteLineAsync(error).ConfigureAwait(false);
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        if (services.GetService<IReportCompiler>() is not { } compiler)
        {
            await output.WriteLineAsync("No report compiler is registered in this build (AddReports); nothing was written.").ConfigureAwait(false);
            return 1;
        }

        var today = ReportPeriodInput.Today(time);
        if (period.From > today)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"warning: {period.Slug} starts {period.From:yyyy-MM-dd}, after today ({today:yyyy-MM-dd}): there is nothing to count yet, the documents will be empty.")).ConfigureAwait(false);
        }
        else if (period.To >= today)
        {
            await output.WriteLineAsync($"note: {period.Slug} has not ended; figures run to now.").ConfigureAwait(false);
        }

        Directory.CreateDirectory(directory);
        var snapshot = await compiler.CompileAsync(period, "cli", cancellationToken: cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{snapshot.Period.Slug} ({snapshot.Period.ThaiTitle}): snapshot {snapshot.Id}, {snapshot.Trace.Cases:N0} cases, {snapshot.Trace.ProtectedReports:N0} protected reports, {snapshot.Trace.Questions:N0} questions, {snapshot.Trace.ServiceRecords:N0} service records, digest {snapshot.Trace.Digest}"))
            .ConfigureAwait(false);

        var renderers = services.GetServices<IReportRenderer>().OrderBy(r => r.Kind, StringComparer.Ordinal).ToList();
        if (renderers.Count == 0)
        {
            await output.WriteLineAsync("No document renderer is registered; the snapshot was stored but no file was written.").ConfigureAwait(false);
            return 1;
        }

        foreach (var renderer in renderers)
        {
            var document = renderer.Render(snapshot);
            var name = Path.GetFileName(document.FileName);
            if (string.IsNullOrWhiteSpace(name))
            {
                await output.WriteLineAsync($"{renderer.Kind}: the renderer gave no file name; skipped.").ConfigureAwait(false);
                return 1;
            }

            var path = Path.Combine(directory, name);
            await File.WriteAllBytesAsync(path, document.Content, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{renderer.Kind,-20} {path} ({document.Content.Length:N0} bytes) {renderer.Title}")).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Reads the period and the output folder; one period option exactly, and --out.</summary>
    internal static bool TryParse(IReadOnlyList<string> arguments, out ReportPeriod period, out string directory, out string error)
    {
        period = null!;
        directory = "";
        error = "";
        var periods = new List<ReportPeriod>();
        DateOnly? from = null;
        DateOnly? to = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            var value = i + 1 < arguments.Count ? arguments[i + 1] : null;
            if (value is null || value.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value.";
                return false;
            }

            i++;
            switch (name)
            {
                case "--out":
                    directory = value;
                    break;
                case "--fiscal-year" or "--half-year" when YearBe(value) is { } fy:
                    periods.Add(name == "--fiscal-year" ? ReportPeriod.ForFiscalYear(fy) : ReportPeriod.ForHalfYear(fy));
                    break;
                case "--fiscal-year" or "--half-year":
                    error = $"{name} {value}: give a fiscal year in the Buddhist Era, e.g. 2568 (= 1 Oct 2024 - 30 Sep 2025).";
                    return false;
                case "--quarter" or "--month" or "--period" when ReportPeriod.Parse(value) is { } parsed
                    && (name == "--period" || parsed.Kind == (name == "--quarter" ? PeriodKind.Quarter : PeriodKind.Month)):
                    periods.Add(parsed);
                    break;
                case "--quarter":
                    error = $"--quarter {value}: write it as fy2568-q2 (fiscal year in the Buddhist Era, quarter 1-4; Q1 = October-December).";
                    return false;
                case "--month":
                    error = $"--month {value}: write it as 2568-03 (year in the Buddhist Era, month 01-12).";
                    return false;
                case "--period":
                    error = $"--period {value}: not a period (fy2568, fy2568-h1, fy2568-q2, 2568-03, 2025-01-01_2025-03-31).";
                    return false;
                case "--from" or "--to" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day):
                    if (name == "--from")
                    {
                        from = day;
                    }
                    else
                    {
                        to = day;
                    }

                    break;
                case "--from" or "--to":
                    error = $"{name} {value}: give a date as yyyy-MM-dd in the Gregorian calendar, e.g. 2025-01-31.";
                    return false;
                default:
                    error = $"Unknown option {name}.";
                    return false;
            }
        }

        if (from is not null || to is not null)
        {
            if (from is not { } f || to is not { } t)
            {
                error = "--from and --to go together.";
                return false;
            }

            if (t < f)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"--to {t:yyyy-MM-dd} is before --from {f:yyyy-MM-dd}.");
                return false;
            }

            periods.Add(ReportPeriod.Custom(f, t));
        }

        if (periods.Count != 1)
        {
            error = periods.Count == 0 ? "Give the period to report." : "Give one period only.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(directory))
        {
            error = "--out DIR is required (the folder the documents are written to).";
            return false;
        }

        period = periods[0];
        return true;
    }

    private static int? YearBe(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= ReportPeriodInput.MinYearBe and <= ReportPeriodInput.MaxYearBe ? y : null;
}
