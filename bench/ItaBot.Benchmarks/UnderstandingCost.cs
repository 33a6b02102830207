using System.Globalization;
using System.Runtime.InteropServices;
using ItaBot.Content;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Benchmarks;

/// <summary>
/// The understanding step's CPU by part, over many different messages (issue 19, session 17): every message of an intent
/// set (the shipped dev set unless a YAML file is named) and as many flood messages (`bench/peer-compare.sh`'s text with a
/// number), each part run over the whole list in turn, so that no memo answers from an earlier message (the lists are far
/// longer than the memos' eight entries). Per part: the thread's own CPU time per message (CLOCK_THREAD_CPUTIME_ID), the
/// least of several passes, and the bytes it allocated per message. A part that reads the text normalises it once (its
/// first call; the parts after it in the same call share that memo): the "normalise" row is that share.
/// Thread CPU time is far less sensitive to the machine's load than wall time, but still not an idle machine's: compare
/// builds run alternately, not against figures taken at another load.
///   dotnet bench/ItaBot.Benchmarks/bin/Release/net10.0/ItaBot.Benchmarks.dll understand [intents.yaml] [passes]
///   … understand intents.yaml dump decisions.tsv     every text's understanding and Q&amp;A decision, to diff two builds
///   … understand intents.yaml explain why.tsv        every labelled message: the rules' reading, the signals the out-of-scope
///                                                    decision listens to, both models' scores and the pack's answer
/// </summary>
internal static class UnderstandingCost
{
    /// <summary>
    /// Why each labelled message was read as it was (issue 13, session 18): the rules' intent, the signals the out-of-scope
    /// decision listens to (rules' corruption check, misconduct words, a utility named, other agencies' words against the
    /// municipality's, another agency's thing, no municipal word), the learned scope score and the naive Bayes posteriors, and
    /// the Q&amp;A decision. With the shipped model: for a set not yet in dev it is what a held-out run saw.
    /// </summary>
    private static int Explain(IReadOnlyList<LabelledMessage> set, string path)
    {
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        var pack = ContentPackLoader.Load(directory);
        var matcher = new QaMatcher(pack, new QaOptions());
        var understander = new Understander(matcher, IntentModel.Shipped);
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(path);
        writer.WriteLine("label\tgot\trules\trulesCorruption\tmisconduct\tutility\tagency:municipal\tagencyThing\tforeign\tconductOnly\taskReporting"
            + "\tscope\tpOos\tpQ\tpC\tpCorr\tqa\tbest\tscore\tcoverageOnly\ttext");
        foreach (var m in set)
        {
            var scores = IntentModel.Shipped.Score(m.Text);
            var p = scores.Posteriors(IntentBlend.Default.Sharpness);
            var decision = matcher.Match(m.Text);
            var (agency, municipal) = IntentRules.AgencyWeight(m.Text);
            writer.WriteLine(string.Join('\t', m.Intent, understander.UnderstandOnce(m.Text).Intent, IntentRules.Classify(m.Text, pack.ComplaintCategories).Intent,
                ItaBot.Complaints.CorruptionSignals.LooksLikeCorruption(m.Text), IntentRules.NamesMisconduct(m.Text), IntentRules.NamesUtility(m.Text),
                $"{agency}:{municipal}", IntentRules.NamesAgencyThing(m.Text), IntentRules.IsForeign(m.Text), IntentRules.TellsOfConductOnly(m.Text),
                IntentRules.AsksAboutReporting(m.Text), F(scores.OutOfScope), F(p(Intent.OutOfScope)), F(p(Intent.Question)), F(p(Intent.Complaint)),
                F(p(Intent.Corruption)), decision.Kind, decision.Ranking.Best?.Entry.Id, F(decision.Ranking.Best?.Score ?? 0), decision.OnCoverageOnly,
                m.Text.ReplaceLineEndings(" ").Replace('\t', ' ')));
        }

        Console.WriteLine($"// {set.Count} messages explained in {path}");
        return 0;
    }

    public static int Run(string[] args)
    {
        var set = args.Length > 0 && args[0].EndsWith(".yaml", StringComparison.Ordinal)
            ? IntentSet.Parse(File.ReadAllText(args[0])) : IntentSet.Dev;
        var dump = args.Length > 2 && args[1] == "dump" ? args[2] : null;
        if (args.Length > 2 && args[1] == "explain")
        {
            return Explain(set, args[2]);
        }

        var passes = dump is not null ? 0 : args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var directory = ContentOptions.FindDefault(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("content/ not found");
        var pack = ContentPackLoader.Load(directory);
        var categories = pack.ComplaintCategories;
        var matcher = new QaMatcher(pack, new QaOptions());
        var understander = new Understander(matcher, IntentModel.Shipped);
        var model = IntentModel.Shipped;

        var typed = set.Select(m => m.Text).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToArray();
        var flood = Enumerable.Range(0, typed.Length).Select(i => UnderstandingBenchmarks.FloodText + (100_000 + i).ToString(CultureInfo.InvariantCulture)).ToArray();
        Console.WriteLine($"// {typed.Length} typed messages (intent set), {flood.Length} flood messages; {passes} passes, least CPU per message; load {File.ReadAllText("/proc/loadavg").Trim()}");

        var decision = matcher.Match(flood[0]);
        Console.WriteLine($"// flood message: {understander.UnderstandOnce(flood[0]).Intent}; Q&A {decision.Kind}, best {decision.Ranking.Best?.Entry.Id} {decision.Ranking.Best?.Score:F3}");
        if (dump is not null)
        {
            // Every text's understanding and Q&A decision, one line each, scores to the bit: two builds that must decide
            // alike (a change that only makes the step cheaper) are compared with diff.
            using var writer = new StreamWriter(dump);
            foreach (var text in typed)
            {
                var understood = understander.UnderstandOnce(text);
                var match = matcher.Match(text);
                var scores = model.Score(text);
                var posterior = scores.Posteriors(4);
                var posteriors = string.Join(' ', Enum.GetValues<Intent>().Select(i => posterior(i).ToString("R", CultureInfo.InvariantCulture)));
                writer.WriteLine(string.Join('\t', text.ReplaceLineEndings(" "), understood.Intent, understood.CategoryId, understood.Place, understood.SureQuestion,
                    scores.Best, posteriors, match.Kind, match.OnCoverageOnly, match.Ranking.Exact, match.Ranking.Agreed,
                    string.Join(' ', match.Ranking.Top.Select(c => c.Entry.Id + "=" + c.Score.ToString("R", CultureInfo.InvariantCulture))),
                    match.Ranking.Unanswerable.ToString("R", CultureInfo.InvariantCulture), match.Ranking.Margin.ToString("R", CultureInfo.InvariantCulture)));
            }

            Console.WriteLine($"// {typed.Length} decisions written to {dump}");
            return 0;
        }

        if (passes == 0)
        {
            return 0;
        }

        var parts = new (string Name, Func<string, int> Part)[]
        {
            ("normalise (ThaiNormalizer.Normalize)", t => ThaiNormalizer.Normalize(t).Length),
            ("intent rules (IntentRules.Classify)", t => (int)IntentRules.Classify(t, categories).Intent),
            ("place finder (PlaceFinder.Find)", t => PlaceFinder.Find(t)?.Length ?? 0),
            ("category and place (IntentRules.AsComplaint)", t => IntentRules.AsComplaint(t, categories).CategoryId?.Length ?? 0),
            ("n-gram model (IntentModel.Score)", t => (int)model.Score(t).Best),
            ("Q&A match (QaMatcher.Match)", t => (int)matcher.Match(t).Kind),
            ("whole step (Understander.UnderstandOnce)", t => (int)understander.UnderstandOnce(t).Intent),
        };

        foreach (var (label, texts) in new[] { ("typed", typed), ("flood", flood) })
        {
            // Warm up: every part over every text twice (tiering, PGO, the index's lazy parts).
            foreach (var (_, part) in parts)
            {
                for (var round = 0; round < 2; round++)
                {
                    foreach (var text in texts)
                    {
                        _ = part(text);
                    }
                }
            }

            Console.WriteLine($"| part ({label}) | µs CPU / message | bytes / message |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (name, part) in parts)
            {
                var best = double.MaxValue;
                var bytes = 0L;
                for (var pass = 0; pass < passes; pass++)
                {
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    var start = ThreadCpuNanoseconds();
                    var sink = 0;
                    foreach (var text in texts)
                    {
                        sink += part(text);
                    }

                    var cpu = ThreadCpuNanoseconds() - start;
                    bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
                    best = Math.Min(best, cpu / 1000.0 / texts.Length);
                    GC.KeepAlive(sink);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {best:F1} | {bytes / texts.Length:N0} |"));
            }
        }

        Console.WriteLine($"// load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static long ThreadCpuNanoseconds()
    {
        const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID
        _ = ClockGetTime(ThreadCpuTimeClock, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }
}
