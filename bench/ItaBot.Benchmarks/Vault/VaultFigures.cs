using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Vault;

namespace ItaBot.Benchmarks.Vault;

/// <summary>
/// The vault's figures (issue 5), measured against real vault.db files in a temp directory with the shipped defaults
/// (Argon2id 64 MiB, 3 passes) unless said otherwise:
///   receipt hash alone, receipt check (right code: lookup tag + Argon2id + audit), officer read of one report
///   (decrypt content, messages, attachment list + the audited write), submission (Argon2id hash + encrypt + commit),
///   and KEK rotation of 10,000 reports (seeded with cheap Argon2 parameters: rotation never touches receipt hashes).
/// Prints p50/p90 per figure. Run: bench/vault.sh
/// </summary>
internal static class VaultFigures
{
    public static async Task<int> RunAsync(string[] args)
    {
        var reports = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var root = Directory.CreateTempSubdirectory("itabot-vault-bench-").FullName;
        try
        {
            await MeasureDefaultsAsync(Path.Combine(root, "defaults"));
            await MeasureRotationAsync(Path.Combine(root, "rotation"), reports);
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static VaultOptions Options(string directory, int memoryKiB = 64 * 1024, int passes = 3) => new()
    {
        DataDirectory = directory,
        Kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        Argon2MemoryKiB = memoryKiB,
        Argon2Passes = passes,
    };

    private static NewReport Report(int i) => new(
        ReportChannel.Line,
        new ReportContent(
            $"เรื่องที่ {i}: หัวหน้ากองช่างเรียกรับเงินจากผู้รับเหมาโครงการถนนหมู่ 4 จำนวน 50,000 บาท โดยนัดรับที่ร้านกาแฟหน้าสำนักงานเทศบาลหลังเวลาราชการ",
            "นายสมชาย ใจดี หัวหน้ากองช่าง", "กองช่าง", "มกราคม 2569", "ร้านกาแฟหน้าสำนักงาน", "ภาพถ่ายการส่งซองเงิน"),
        new ReporterIdentity("ผู้แจ้ง", "0812345678"),
        [new NewAttachment("photo.jpg", "image/jpeg", RandomNumberGenerator.GetBytes(200 * 1024), RandomNumberGenerator.GetBytes(220 * 1024))]);

    private static async Task MeasureDefaultsAsync(string directory)
    {
        await using var vault = new ProtectedReports(Options(directory), TimeProvider.System);
        Console.WriteLine($"receipt hash: {vault.ReceiptHashParameters}");

        var submits = new List<double>();
        var submissions = new List<Submission>();
        for (var i = 0; i < 12; i++)
        {
            var clock = Stopwatch.StartNew();
            submissions.Add(await vault.SubmitAsync(Report(i)));
            submits.Add(clock.Elapsed.TotalMilliseconds);
        }

        var checks = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var clock = Stopwatch.StartNew();
            var check = await vault.CheckReceiptAsync(submissions[i].Receipt, "bench-" + i.ToString(CultureInfo.InvariantCulture));
            checks.Add(clock.Elapsed.TotalMilliseconds);
            if (check.Status != ReceiptCheckStatus.Accepted)
            {
                throw new InvalidOperationException("A right receipt was not accepted.");
            }
        }

        // A report with a message exchange, read by an officer over and over.
        var id = submissions[0].ReportId;
        for (var i = 0; i < 5; i++)
        {
            await vault.SendToReporterAsync(id, "officer-a", "ขอทราบวันเวลาที่นัดรับเงินโดยประมาณค่ะ");
        }

        for (var i = 0; i < 50; i++)
        {
            await vault.ReadAsync(id, "officer-a");   // warm-up
        }

        var reads = new List<double>();
        for (var i = 0; i < 500; i++)
        {
            var clock = Stopwatch.StartNew();
            await vault.ReadAsync(id, "officer-a");
            reads.Add(clock.Elapsed.TotalMilliseconds);
        }

        Print("submission (Argon2id hash + encrypt + commit, 420 KB attachment)", submits);
        Print("receipt check, right code (HMAC lookup + Argon2id verify + audit)", checks);
        Print("officer read of one report (decrypt + audited commit)", reads);
    }

    private static async Task MeasureRotationAsync(string directory, int reports)
    {
        var options = Options(directory, memoryKiB: 1024, passes: 1);
        await using var vault = new ProtectedReports(options, TimeProvider.System);
        var seed = Stopwatch.StartNew();
        var small = new NewReport(ReportChannel.Web, new ReportContent("เรื่องทดสอบการหมุนกุญแจ " + new string('ก', 400)), new ReporterIdentity("ผู้แจ้ง"));
        for (var i = 0; i < reports; i += 16)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(16, reports - i)).Select(_ => vault.SubmitAsync(small)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {reports:N0} reports in {seed.Elapsed.TotalSeconds:0.0} s ({new FileInfo(vault.FilePath).Length / 1024 / 1024} MB vault.db)"));
        using var rotated = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            // Reads go on during the rotation (no downtime); count them.
            var list = await vault.ListAsync("bench", new ReportQuery(Limit: 1));
            var count = 0;
            while (!rotated.IsCancellationRequested && count < 100_000)
            {
                await vault.ReadAsync(list[0].ReportId, "officer-a");
                count++;
            }

            return count;
        });
        var result = await vault.RotateKekAsync(RandomNumberGenerator.GetBytes(32), "bench");
        await rotated.CancelAsync();
        var readsDuring = await reader;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"KEK rotation: {result.ReportsRewrapped:N0} reports re-wrapped in {result.Elapsed.TotalSeconds:0.00} s ({result.ReportsRewrapped / result.Elapsed.TotalSeconds:N0}/s); {readsDuring:N0} officer reads succeeded meanwhile"));
    }

    private static void Print(string what, List<double> samples)
    {
        samples.Sort();
        double P(double q) => samples[(int)Math.Min(samples.Count - 1, Math.Floor(q * samples.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: p50 {P(0.5):0.0} ms, p90 {P(0.9):0.0} ms, min {samples[0]:0.0} ms, n={samples.Count}"));
    }
}
