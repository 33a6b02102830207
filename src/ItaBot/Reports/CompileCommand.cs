using System.Globalization;
using ItaBot.Cli;

namespace ItaBot.Reports;

/// <summary>
/// <c>reports compile --period fy2568 [--as-of 2025-10-01T00:00:00Z] [--no-store] [--source complaints]</c>: compiles one
/// snapshot without the web server and prints its main figures, the digest, the time the compile took and the process's
/// peak memory (bench/report-compile.sh times it on seeded data). <c>--source complaints</c> runs the general-complaint
/// source alone (nothing stored), to time one part. The compiler is resolved only when this command runs: every command
/// is built to list them, and the compiler needs every source registered.
/// </summary>
internal sealed class CompileCommand(IServiceProvider services, TimeProvider time) : ICliCommand
{
    public IReadOnlyList<string> Words => ["reports", "compile"];

    public string Description => "reports compile --period fy2568 [--as-of ISO-8601] [--no-store]: compile one statistics snapshot";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ReportPeriod? period = null;
        DateTime? asOf = null;
        var store = true;
        var complaintsOnly = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = i + 1 < arguments.Count ? arguments[i + 1] : null;
            switch (arguments[i])
            {
                case "--period" when ReportPeriod.Parse(value) is { } p:
                    period = p;
                    i++;
                    break;
                case "--as-of" when DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var a):
                    asOf = DateTime.SpecifyKind(a, DateTimeKind.Utc);
                    i++;
                    break;
                case "--no-store":
                    store = false;
                    break;
                case "--source" when value == "complaints":
                    complaintsOnly = true;
                    i++;
                    break;
                default:
                    await output.WriteLineAsync($"Unexpected or invalid argument '{arguments[i]}'.").ConfigureAwait(false);
                    return Usage(output);
            }
        }

        if (period is null)
        {
            await output.WriteLineAsync("--period is required (fy2568, fy2568-h1, fy2568-q2, 2568-03, 2024-10-01_2025-03-31).").ConfigureAwait(false);
            return Usage(output);
        }

        if (complaintsOnly)
        {
            return await ComplaintsOnlyAsync(period, asOf, output, cancellationToken).ConfigureAwait(false);
        }

        var compiler = services.GetRequiredService<IReportCompiler>();
        var started = time.GetTimestamp();
        var s = await compiler.CompileAsync(period, "command", asOf, store, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        var c = s.Complaints;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{s.Period.Slug} as of {s.AsOf:yyyy-MM-ddTHH:mm:ssZ}: complaints {c.Total} (completed {c.Completed}, in progress {c.InProgress}); " +
            $"corruption {s.Corruption.Total}; e-service {s.Services.EServiceTotal}, walk-in {s.Services.WalkInTotal}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"trace: cases {s.Trace.Cases}, protected {s.Trace.ProtectedReports}, questions {s.Trace.Questions}, service records {s.Trace.ServiceRecords}, sha256 {s.Trace.Digest}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"compiled in {elapsed.TotalMilliseconds:0} ms; peak RSS {PeakRssMiB()} MiB; snapshot {(store ? s.Id : "not stored")}")).ConfigureAwait(false);
        return 0;
    }

    private async Task<int> ComplaintsOnlyAsync(ReportPeriod period, DateTime? asOf, TextWriter output, CancellationToken cancellationToken)
    {
        var source = services.GetRequiredService<IReportSource<ComplaintFigures>>();
        using var trace = new ReportTrace();
        var started = time.GetTimestamp();
        var c = await source.CompileAsync(period, asOf ?? time.GetUtcNow().UtcDateTime, trace, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{period.Slug} complaints only: {c.Total} (completed {c.Completed}, in progress {c.InProgress}); median to close {c.ToClose.MedianHours} h; sha256 {trace.ToSnapshotTrace().Digest}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"compiled in {elapsed.TotalMilliseconds:0} ms; peak RSS {PeakRssMiB()} MiB; snapshot not stored")).ConfigureAwait(false);
        return 0;
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("usage: reports compile --period SLUG [--as-of ISO-8601] [--no-store] [--source complaints]");
        return 2;
    }

    /// <summary>VmHWM from /proc/self/status (Linux); "?" elsewhere.</summary>
    private static string PeakRssMiB()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return "?";
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return (StatusKiB(line) / 1024).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The kB of a /proc status line ("VmHWM:\t  123456 kB"). The kernel pads the number after the tab to eight places, so
    /// from 10 GB on no space follows the tab ("VmHWM:\t10234567 kB"): split on tabs and spaces alike.
    /// </summary>
    internal static long StatusKiB(string? line) =>
        line?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) is [_, var number, ..] ? long.Parse(number, CultureInfo.InvariantCulture) : 0;
}
