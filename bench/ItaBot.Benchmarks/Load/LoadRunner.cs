using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ItaBot.Line.Testing;
using ItaBot.Simulator;

namespace ItaBot.Benchmarks.Load;

/// <summary>
/// One load run against a fresh ItaBot process: starts our LINE stand-in in this process (real HTTP on loopback),
/// starts ItaBot (Release build, fresh data directory) pointed at it, sends signed webhook events, waits until the
/// service has drained, checks that every acknowledged event was answered exactly once, reads the service's peak
/// resident memory, and prints one summary line. With <c>--provider postgresql --nodes N</c> it starts N ItaBot processes
/// on one PostgreSQL database (a data directory each) and spreads the connections over them, as a load balancer would;
/// CPU, store counters and backlogs are summed over the nodes, memory is the highest node's.
/// </summary>
internal sealed class LoadRunner
{
    private const int Capacity = 4_000_000;
    private const string Secret = "bench-channel-secret";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private readonly LoadOptions _options;
    private readonly byte[] _acked = new byte[Capacity];
    private readonly int[] _answers = new int[Capacity];
    private readonly long[] _latency = new long[Capacity];
    private int _next;
    private long _errors;
    private long _strayReplies;
    private long _pushes;
    private WebhookBodies _bodies = null!;

    private LoadRunner(LoadOptions options) => _options = options;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        return await new LoadRunner(options).RunAsync();
    }

    private async Task<int> RunAsync()
    {
        await using var line = await LineStandIn.StartAsync();
        line.Accepted += OnAccepted;

        var ports = Enumerable.Range(0, _options.Nodes).Select(_ => FreePort()).ToArray();
        _targets = [.. ports.Select(p => new IPEndPoint(IPAddress.Loopback, p))];
        var host = "127.0.0.1:" + ports[0].ToString(Inv);
        _bodies = new WebhookBodies(Secret, host, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        var dataDirs = ports.Select(_ => Directory.CreateTempSubdirectory("itabot-bench-").FullName).ToArray();
        // Every node of one deployment shares the key ring's key and the vault's KEK.
        var keys = (KeyRing: NewKey(), Kek: NewKey());
        var nodes = ports.Select((p, i) => StartItaBot(line.BaseAddress, p, dataDirs[i], i, keys)).ToArray();
        var itabot = nodes[0];
        var https = ports.Select(p => new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + p.ToString(Inv) + "/"), Timeout = TimeSpan.FromSeconds(10) }).ToArray();
        var http = new Nodes(https);
        try
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                await WaitHealthyAsync(https[i], nodes[i]);
            }

            using var sampling = new CancellationTokenSource();
            var memoryPeaks = SampleMemoryAsync(itabot.Id, sampling.Token);

            // Warm-up (JIT, connection set-up, LiteDB file growth), then a clean start: everything drained.
            var warmup = await RunPhaseAsync(TimeSpan.FromSeconds(_options.WarmupSeconds), measured: false);
            await DrainAsync(http, line, warmup.Acked);
            var before = await HealthAsync(http);
            var cpuBefore = CpuMilliseconds(nodes);
            var toolCpuBefore = CpuMilliseconds(Environment.ProcessId);
            var memoryBefore = Memory(itabot.Id);
            var peakBefore = PeakRssMegabytes(nodes);
            var jitBefore = JitMilliseconds(nodes);
            Mark("load");

            var phase = await RunPhaseAsync(TimeSpan.FromSeconds(_options.DurationSeconds), measured: true);
            var during = await HealthAsync(http);
            var cpuLoad = CpuMilliseconds(nodes);
            var toolCpuLoad = CpuMilliseconds(Environment.ProcessId);
            var memoryLoad = Memory(itabot.Id);
            var peakLoad = PeakRssMegabytes(nodes);
            var jitLoad = JitMilliseconds(nodes);
            Mark("drain");
            var drainWatch = Stopwatch.StartNew();
            var totalAcked = warmup.Acked + phase.Acked;
            var drained = await DrainAsync(http, line, totalAcked);
            var drainSeconds = drainWatch.Elapsed.TotalSeconds;
            var after = await HealthAsync(http);
            await sampling.CancelAsync();
            var peaks = await memoryPeaks;
            var cpuAfter = CpuMilliseconds(nodes);
            var jitAfter = JitMilliseconds(nodes);
            Mark("done");

            // Late duplicates would show up here: wait a moment and count again.
            await Task.Delay(TimeSpan.FromSeconds(1));
            var counts = line.Counts;
            var check = Verify(counts);
            var peakRss = PeakRssMegabytes(nodes);

            var batches = after.Batches - before.Batches;
            var writes = after.Writes - before.Writes;
            Console.Error.WriteLine(string.Create(Inv,
                $"  [{_options.Label}] store during load+drain: {batches:N0} batches, {writes:N0} writes ({(batches == 0 ? 0 : (double)writes / batches):0.0} writes/batch); " +
                $"at end of load: inbox pending {during.InboxPending:N0}, backlog {during.Backlog:N0}; drained {(drained ? "yes" : "NO")} in {drainSeconds:0.0} s; " +
                $"answered/s over load+drain {(phase.Acked / (phase.Seconds + drainSeconds)):N0}; non-200 {Interlocked.Read(ref _errors):N0}; warm-up acked {warmup.Acked:N0}"));
            var loadBatches = during.Batches - before.Batches;
            var loadWrites = during.Writes - before.Writes;
            Console.Error.WriteLine(string.Create(Inv,
                $"  [{_options.Label}] store during load: {loadBatches:N0} batches, {loadWrites:N0} writes ({(loadBatches == 0 ? 0 : (double)loadWrites / loadBatches):0.0} writes/batch); " +
                $"load tool + stand-in CPU during load {toolCpuLoad - toolCpuBefore:N0} ms; ItaBot memory before load {memoryBefore}, at its end {memoryLoad}, GC {during.Memory}; GC after the drain {after.Memory}; highest RSS sampled every 50 ms: {peaks}; peak RSS (VmHWM) by the end of warm-up {peakBefore} MB, of load {peakLoad} MB, of drain {peakRss} MB"));
            // ItaBot's own CPU (utime+stime): the drain is turns only, so it prices a turn; the load phase is acks
            // plus the turns answered meanwhile, whose price is taken off to give the price of an acknowledgement.
            var turnsInDrain = Math.Max(1, during.InboxPending);
            var turnCpuUs = (cpuAfter - cpuLoad) * 1000.0 / turnsInDrain;
            var turnsDuringLoad = Math.Max(0, phase.Acked - during.InboxPending);
            var ackCpuUs = ((cpuLoad - cpuBefore) * 1000.0 - turnsDuringLoad * turnCpuUs) / Math.Max(1, phase.Acked);
            Console.Error.WriteLine(string.Create(Inv,
                $"  [{_options.Label}] ItaBot CPU: load {cpuLoad - cpuBefore:N0} ms for {phase.Acked:N0} acks + ~{turnsDuringLoad:N0} turns ({(cpuLoad - cpuBefore) * 1000.0 / Math.Max(1, phase.Acked):N0} us/acked event); " +
                $"drain {cpuAfter - cpuLoad:N0} ms for {during.InboxPending:N0} turns ({turnCpuUs:N0} us/turn); estimated {ackCpuUs:N0} us/ack"));
            // The same without the tiered-compilation thread (JIT of a fresh process, not the price of an event). The
            // runtime ends that thread when it has nothing to do and starts a new one later, whose count starts at zero:
            // a negative difference means that happened, and counts as nothing (so this figure is then an upper bound).
            var jitInLoad = Math.Max(0, jitLoad - jitBefore);
            var jitInDrain = Math.Max(0, jitAfter - jitLoad);
            var turnCpuNoJitUs = (cpuAfter - cpuLoad - jitInDrain) * 1000.0 / turnsInDrain;
            var ackCpuNoJitUs = ((cpuLoad - cpuBefore - jitInLoad) * 1000.0 - turnsDuringLoad * turnCpuNoJitUs) / Math.Max(1, phase.Acked);
            Console.Error.WriteLine(string.Create(Inv,
                $"  [{_options.Label}] without the tier-up JIT thread ({jitInLoad:N0} ms in load, {jitInDrain:N0} ms in drain): " +
                $"{turnCpuNoJitUs:N0} us/turn, estimated {ackCpuNoJitUs:N0} us/ack"));

            var ok = drained && check.ExactlyOnce;
            Console.WriteLine(string.Create(Inv,
                $"itabot durable-inbox {_options.Label}: {phase.Acked / phase.Seconds:N0} acked/s, p50 {Percentile(phase.Latencies, 0.50):0.0#} ms, p99 {Percentile(phase.Latencies, 0.99):0.0#} ms, " +
                $"acked {totalAcked:N0} (measured {phase.Acked:N0} in {phase.Seconds:0.0} s), answered exactly once: {(ok ? "yes" : "NO")} " +
                $"(replies {counts.Replies:N0}, pushes {counts.Pushes:N0}, rejected {counts.RejectedReplies:N0}, duplicates {counts.DuplicatePushes:N0}" +
                $"{(check.Problems.Length > 0 ? "; " + check.Problems : "")}), peak RSS {peakRss:N0} MB"));
            return ok ? 0 : 2;
        }
        finally
        {
            foreach (var node in nodes)
            {
                if (!node.HasExited)
                {
                    node.Kill(entireProcessTree: true);
                    await node.WaitForExitAsync();
                }

                node.Dispose();
            }

            http.Dispose();
            foreach (var dataDir in dataDirs)
            {
                TryDelete(dataDir);
            }
        }
    }

    private volatile string _phase = "warm-up";

    private void Mark(string phase)
    {
        _phase = phase;
        if (_options.MarksFile is not null)
        {
            File.AppendAllText(_options.MarksFile, phase + "\n");
        }
    }

    private void OnAccepted(StandInSend send)
    {
        if (send.Kind == "reply")
        {
            var index = _bodies.IndexOf(send.ReplyToken);
            if (index >= 0 && index < Capacity)
            {
                Interlocked.Increment(ref _answers[index]);
            }
            else
            {
                Interlocked.Increment(ref _strayReplies);
            }
        }
        else
        {
            Interlocked.Increment(ref _pushes);
        }
    }

    private IPEndPoint[] _targets = [];

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private Process StartItaBot(Uri lineBase, int port, string dataDir, int node, (string KeyRing, string Kek) keys)
    {
        var start = new ProcessStartInfo("dotnet", [_options.ItaBotDll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDir,
        };
        start.Environment["ItaBot__Line__ChannelSecret"] = Secret;
        start.Environment["ItaBot__Line__ChannelAccessToken"] = "bench-access-token";
        start.Environment["ItaBot__Staff__KeyRingKey"] = keys.KeyRing;
        // A LINE deployment refuses to start without the vault's key-encryption key (session 7): a throw-away one per run.
        start.Environment["ItaBot__Vault__Kek"] = keys.Kek;
        if (_options.ConnectionString is not null)
        {
            start.Environment["ItaBot__Storage__Provider"] = "PostgreSql";
            start.Environment["ConnectionStrings__ItaBot"] = _options.ConnectionString;
        }

        start.Environment["ItaBot__Line__ApiBaseUrl"] = lineBase.ToString();
        start.Environment["ItaBot__Line__DataApiBaseUrl"] = lineBase.ToString();
        start.Environment["ItaBot__Storage__DataDirectory"] = dataDir;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port.ToString(Inv);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("ItaBot did not start.");
        var name = "itabot-" + string.Concat(_options.Label.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + (node > 0 ? "-node" + node.ToString(Inv) : "");
        var log = new StreamWriter(Path.Combine(_options.LogDirectory, name + ".log")) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { lock (gate) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (gate) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (_options.PidFile is not null)
        {
            File.AppendAllText(_options.PidFile, process.Id.ToString(Inv) + "\n");
        }

        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process itabot)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (itabot.HasExited)
            {
                throw new InvalidOperationException("ItaBot exited during start-up; see its log under bench/out.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("ItaBot did not answer /healthz within 180 s.");
    }

    private async Task<PhaseResult> RunPhaseAsync(TimeSpan duration, bool measured)
    {
        var first = Volatile.Read(ref _next);
        // Closed loop: room for 16,000 requests a second; beyond that they are built as they go.
        var expected = _options.Mode == "open" ? _options.Rate * duration.TotalSeconds : 16_000 * duration.TotalSeconds;
        _bodies.Prepare(first, (int)Math.Min(expected, Capacity - first));
        using var abort = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        var start = Stopwatch.GetTimestamp();
        var workers = _options.Mode == "open"
            ? Enumerable.Range(0, _options.Connections).Select(w => OpenLoopWorkerAsync(_targets[w % _targets.Length], w, first, start, duration, abort.Token))
            : Enumerable.Range(0, _options.Connections).Select(w => ClosedLoopWorkerAsync(_targets[w % _targets.Length], start, duration, abort.Token));
        // A service that cannot keep up is cut off 30 s after the phase: requests still in flight count as not acknowledged.
        await Task.WhenAll(workers.Select(async w =>
        {
            try
            {
                await w;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
            }
        }).ToList());
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (_options.Mode == "open")
        {
            _next = first + (int)(_options.Rate * duration.TotalSeconds);
        }

        var last = Volatile.Read(ref _next);
        var latencies = new List<long>(last - first);
        for (var i = first; i < last; i++)
        {
            if (_acked[i] == 1)
            {
                latencies.Add(_latency[i]);
            }
        }

        _ = measured;
        return new PhaseResult(latencies.Count, seconds, [.. latencies]);
    }

    private async Task ClosedLoopWorkerAsync(IPEndPoint target, long start, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var connection = new RawHttpConnection(target);
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            if (index >= Capacity)
            {
                return;
            }

            var request = _bodies.Request(index);
            var sent = Stopwatch.GetTimestamp();
            var status = await connection.SendAsync(request, cancellationToken);
            Record(index, status, Stopwatch.GetTimestamp() - sent);
        }
    }

    /// <summary>
    /// Request <c>k</c> of the phase is due at start + k / rate and goes on connection k mod connections. Latency runs
    /// from the moment it is due when the connection was still busy with an earlier answer (queueing behind a slow
    /// service counts, as in wrk2), else from the moment it was written (timer lateness of this tool does not count).
    /// </summary>
    private async Task OpenLoopWorkerAsync(IPEndPoint target, int worker, int first, long start, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Yield();
        using var connection = new RawHttpConnection(target);
        var total = (int)(_options.Rate * duration.TotalSeconds);
        var ticksPerRequest = Stopwatch.Frequency / _options.Rate;
        long previousEnd = 0;
        for (var k = worker; k < total; k += _options.Connections)
        {
            var due = start + (long)(k * ticksPerRequest);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var index = first + k;
            var request = _bodies.Request(index);
            var sent = Stopwatch.GetTimestamp();
            var from = previousEnd > due ? due : sent;
            var status = await connection.SendAsync(request, cancellationToken);
            previousEnd = Stopwatch.GetTimestamp();
            Record(index, status, previousEnd - from);
        }
    }

    private void Record(int index, int status, long ticks)
    {
        if (status == 200)
        {
            _acked[index] = 1;
            _latency[index] = ticks;
        }
        else
        {
            Interlocked.Increment(ref _errors);
        }
    }

    private async Task<bool> DrainAsync(Nodes http, LineStandIn line, int acked)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(_options.DrainTimeoutSeconds))
        {
            // /healthz counts the store (scans): ask it only once the stand-in has seen every answer, so polling
            // does not add to the CPU measured for the drain.
            var counts = line.Counts;
            if (counts.Replies + counts.Pushes < acked)
            {
                await Task.Delay(200);
                continue;
            }

            var health = await HealthAsync(http);
            if (health.InboxPending == 0 && health.Backlog == 0 && health.OutboxPending == 0 && counts.Replies + counts.Pushes >= acked)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private (bool ExactlyOnce, string Problems) Verify(StandInCounts counts)
    {
        int acked = 0, once = 0, missing = 0, many = 0, unackedAnswered = 0, unackedSilent = 0;
        var last = Math.Min(Volatile.Read(ref _next), Capacity);
        for (var i = 0; i < last; i++)
        {
            var answers = Volatile.Read(ref _answers[i]);
            if (_acked[i] == 1)
            {
                acked++;
                switch (answers)
                {
                    case 0: missing++; break;
                    case 1: once++; break;
                    default: many++; break;
                }
            }
            else if (answers > 0)
            {
                unackedAnswered++;
            }
            else
            {
                unackedSilent++;
            }
        }

        var pushes = (int)Interlocked.Read(ref _pushes);
        var problems = new List<string>();
        // A push names a user, not an event: pushes may also answer events whose acknowledgement was cut off
        // (stored by ItaBot, answered, but not counted as acknowledged here). So: missing <= pushes <= missing + those.
        var pushesFit = pushes >= missing && pushes - missing <= unackedSilent;
        if (!pushesFit)
        {
            problems.Add(string.Create(Inv, $"{missing:N0} acked events without a reply vs {pushes:N0} pushes"));
        }

        if (many > 0)
        {
            problems.Add(string.Create(Inv, $"{many:N0} events replied more than once"));
        }

        var stray = Interlocked.Read(ref _strayReplies);
        if (stray > 0)
        {
            problems.Add(string.Create(Inv, $"{stray:N0} replies with unknown tokens"));
        }

        if (unackedAnswered > 0)
        {
            // Not a failure: stored but the acknowledgement was lost (LINE would redeliver; the inbox dedupes).
            problems.Add(string.Create(Inv, $"note: {unackedAnswered:N0} unacknowledged events were answered"));
        }

        var exactlyOnce = pushesFit && many == 0 && stray == 0 && counts.RejectedReplies == 0 && counts.DuplicatePushes == 0
            && once + missing == acked;
        return (exactlyOnce, string.Join("; ", problems));
    }

    /// <summary>
    /// /healthz of every node, summed: store batches and writes and the processor's backlog are each node's own; the inbox
    /// and outbox counts are the database's (the same on every node on PostgreSQL), so the highest is taken.
    /// </summary>
    private static async Task<Health> HealthAsync(Nodes nodes)
    {
        var each = await Task.WhenAll(nodes.Clients.Select(HealthAsync));
        return new Health(each.Sum(h => h.Batches), each.Sum(h => h.Writes), each.Max(h => h.InboxPending), each.Max(h => h.OutboxPending),
            each.Sum(h => h.Backlog), each[0].Memory);
    }

    private static async Task<Health> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        return new Health(
            root.GetProperty("store").GetProperty("batches").GetInt64(),
            root.GetProperty("store").GetProperty("writes").GetInt64(),
            root.GetProperty("inbox").GetProperty("pending").GetInt64(),
            root.GetProperty("outbox").GetProperty("pending").GetInt64(),
            root.GetProperty("processor").GetProperty("backlog").GetInt64(),
            root.TryGetProperty("memory", out var memory) ? memory.ToString() : "");
    }

    private static double Percentile(long[] ticks, double p)
    {
        if (ticks.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(ticks);
        var index = (int)Math.Ceiling(p * ticks.Length) - 1;
        return ticks[Math.Clamp(index, 0, ticks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }

    private static long CpuMilliseconds(Process[] nodes) => nodes.Sum(n => CpuMilliseconds(n.Id));

    private static long JitMilliseconds(Process[] nodes) => nodes.Sum(n => JitMilliseconds(n.Id));

    private static long PeakRssMegabytes(Process[] nodes) => nodes.Max(n => PeakRssMegabytes(n.Id));

    /// <summary>utime + stime of a process in milliseconds, from /proc/PID/stat (clock ticks of 10 ms on Linux).</summary>
    private static long CpuMilliseconds(int pid)
    {
        var stat = File.ReadAllText("/proc/" + pid.ToString(Inv) + "/stat");
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], Inv) + long.Parse(fields[12], Inv);
        return ticks * 10;
    }

    /// <summary>
    /// CPU of the runtime's tiered-compilation thread (re-JIT of hot methods), in milliseconds: on a fresh process it goes
    /// on for minutes on a busy machine, and it says nothing about what an event costs once the service has warmed up.
    /// </summary>
    private static long JitMilliseconds(int pid)
    {
        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/" + pid.ToString(Inv) + "/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(open + 1, close - open - 1).StartsWith(".NET Tiered Com", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], Inv) + long.Parse(fields[12], Inv);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }

        return ticks * 10;
    }

    /// <summary>The highest resident memory seen in each phase, sampled every 50 ms until cancelled.</summary>
    private async Task<string> SampleMemoryAsync(int pid, CancellationToken stop)
    {
        var most = new Dictionary<string, (long Anon, string Text)>();
        while (!stop.IsCancellationRequested)
        {
            var now = Memory(pid);
            var anon = long.Parse(now[(now.IndexOf("anon ", StringComparison.Ordinal) + 5)..now.IndexOf(',', StringComparison.Ordinal)], Inv);
            var phase = _phase;
            if (!most.TryGetValue(phase, out var seen) || anon > seen.Anon)
            {
                most[phase] = (anon, now);
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return string.Join("; ", most.Select(p => p.Key + " " + p.Value.Text));
    }

    /// <summary>Resident memory now, split into anonymous (GC heap, native) and file-backed (code, ICU data) parts.</summary>
    private static string Memory(int pid)
    {
        long anon = 0, file = 0;
        foreach (var line in File.ReadLines("/proc/" + pid.ToString(Inv) + "/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anon = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024;
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv) / 1024;
            }
        }

        return string.Create(Inv, $"{anon + file} MB (anon {anon}, file {file})");
    }

    private static long PeakRssMegabytes(int pid)
    {
        foreach (var line in File.ReadLines("/proc/" + pid.ToString(Inv) + "/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), Inv);
                return kb / 1024;
            }
        }

        return -1;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One HTTP client per node.</summary>
    private sealed class Nodes(HttpClient[] clients) : IDisposable
    {
        public HttpClient[] Clients { get; } = clients;

        public void Dispose()
        {
            foreach (var client in Clients)
            {
                client.Dispose();
            }
        }
    }

    private sealed record PhaseResult(int Acked, double Seconds, long[] Latencies);

    private sealed record Health(long Batches, long Writes, long InboxPending, long OutboxPending, long Backlog, string Memory);
}

internal sealed class LoadOptions
{
    public string Mode { get; private set; } = "closed";

    public int Connections { get; private set; } = 64;

    public double DurationSeconds { get; private set; } = 10;

    public double WarmupSeconds { get; private set; } = 2;

    public int Rate { get; private set; } = 2000;

    public string Label { get; private set; } = "";

    /// <summary>ItaBot processes started (each on its own port and data directory); more than one needs PostgreSQL.</summary>
    public int Nodes { get; private set; } = 1;

    /// <summary>With PostgreSQL: the Npgsql connection string of the (empty) database every node uses.</summary>
    public string? ConnectionString { get; private set; }

    public string ItaBotDll { get; private set; } = "src/ItaBot/bin/Release/net10.0/ItaBot.dll";

    public string? PidFile { get; private set; }

    public string LogDirectory { get; private set; } = Path.GetTempPath();

    public double DrainTimeoutSeconds { get; private set; } = 180;

    /// <summary>A file to which each phase's start is appended as it happens ("load", "drain", "done"), for profilers.</summary>
    public string? MarksFile { get; private set; }

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--mode": o.Mode = value; break;
                case "--connections": o.Connections = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--duration": o.DurationSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": o.WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--rate": o.Rate = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--label": o.Label = value; break;
                case "--nodes": o.Nodes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connection-string": o.ConnectionString = value; break;
                case "--itabot-dll": o.ItaBotDll = Path.GetFullPath(value); break;
                case "--pid-file": o.PidFile = value; break;
                case "--log-dir": o.LogDirectory = Path.GetFullPath(value); break;
                case "--drain-timeout": o.DrainTimeoutSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--marks": o.MarksFile = value; break;
                default: throw new ArgumentException("Unknown option " + args[i]);
            }
        }

        if (o.Label.Length == 0)
        {
            o.Label = o.Mode == "open" ? string.Create(CultureInfo.InvariantCulture, $"open {o.Rate}/s") : string.Create(CultureInfo.InvariantCulture, $"closed c{o.Connections}");
            o.Label += o.ConnectionString is null ? " litedb" : string.Create(CultureInfo.InvariantCulture, $" postgresql {o.Nodes} node{(o.Nodes == 1 ? "" : "s")}");
        }

        if (o.Nodes > 1 && o.ConnectionString is null)
        {
            throw new ArgumentException("--nodes above 1 needs --connection-string (PostgreSQL): LiteDB is one node.");
        }

        o.ItaBotDll = Path.GetFullPath(o.ItaBotDll);
        return o;
    }
}
