using BenchmarkDotNet.Running;
using ItaBot.Benchmarks.Load;

// ItaBot.Benchmarks load  [--mode closed|open] [--connections N] [--duration S] [--rate R] ...  (see bench/webhook-load.sh)
// ItaBot.Benchmarks micro [BenchmarkDotNet arguments, e.g. --filter *]                        (see bench/micro.sh)
// ItaBot.Benchmarks notify [--count N] [--rate R]                                              (see bench/notify-latency.sh)
// ItaBot.Benchmarks vault [reports to rotate, default 10000]                                   (see bench/vault.sh)
// ItaBot.Benchmarks docx --out DIR                                                             (see bench/render-docs.sh)
// ItaBot.Benchmarks understand [intents.yaml] [passes]   the understanding step's CPU by part over many messages
if (args.Length > 0 && args[0] == "load")
{
    return await LoadRunner.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "notify")
{
    return await NotificationLatency.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "micro")
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(LoadRunner).Assembly).Run(args[1..], new ItaBot.Benchmarks.Micro.ShortConfig());
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

if (args.Length > 0 && args[0] == "understand")
{
    return ItaBot.Benchmarks.UnderstandingCost.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "vault")
{
    return await ItaBot.Benchmarks.Vault.VaultFigures.RunAsync(args[1..]);
}

if (args.Length > 2 && args[0] == "docx" && args[1] == "--out")
{
    foreach (var path in ItaBot.Benchmarks.Reports.DocxSamples.WriteAll(Path.GetFullPath(args[2])))
    {
        Console.WriteLine(path);
    }

    return 0;
}

Console.Error.WriteLine("usage: ItaBot.Benchmarks load [options] | micro [BenchmarkDotNet options] | notify [--count N] [--rate R] | vault [reports to rotate] | docx --out DIR");
return 64;
