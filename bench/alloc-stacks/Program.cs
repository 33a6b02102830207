using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// AllocStacks <file.nettrace> [frames=8] [top=40] [frame-filter]
// The runtime's AllocationTick samples (one per ~100 KB allocated, with the type that crossed the mark and its stack),
// summed by type, by every frame on the stack (inclusive) and by the first frames of the stack. With a filter, only the
// samples whose stack has a frame containing it (e.g. "CompleteTurnAsync").
var file = args[0];
var frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
var top = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 40;
var filter = args.Length > 3 ? args[3] : null;

using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(file));
var byType = new Dictionary<string, long>(StringComparer.Ordinal);
var byFrame = new Dictionary<string, long>(StringComparer.Ordinal);
var byStack = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0, samples = 0, withoutStack = 0;
foreach (var data in log.Events)
{
    if (data is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    if (data.CallStack() is not { } stack)
    {
        withoutStack++;
        continue;
    }

    var names = new List<string>();
    for (var frame = stack; frame is not null; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        names.Add(string.IsNullOrEmpty(name) ? "?" + frame.CodeAddress.ModuleName : name);
    }

    if (filter is not null && !names.Any(n => n.Contains(filter, StringComparison.Ordinal)))
    {
        continue;
    }

    var amount = tick.AllocationAmount64;
    total += amount;
    samples++;
    byType[tick.TypeName] = byType.GetValueOrDefault(tick.TypeName) + amount;
    foreach (var name in names.Distinct(StringComparer.Ordinal))
    {
        byFrame[name] = byFrame.GetValueOrDefault(name) + amount;
    }

    var key = tick.TypeName + "\n      " + string.Join("\n      ", names.Where(n => !n.StartsWith('?')).Take(frames));
    byStack[key] = byStack.GetValueOrDefault(key) + amount;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{samples:N0} samples ({withoutStack:N0} without a stack), {total:N0} bytes"));
Print("by type", byType, 25);
Print("inclusive, by frame (ItaBot, LiteDB, System.Net.Http, System.Text.Json)", byFrame
    .Where(p => p.Key.Contains("ItaBot", StringComparison.Ordinal) || p.Key.Contains("LiteDB", StringComparison.Ordinal)
        || p.Key.Contains("System.Net.Http", StringComparison.Ordinal) || p.Key.Contains("System.Text.Json", StringComparison.Ordinal))
    .Where(p => !p.Key.Contains("AsyncStateMachineBox", StringComparison.Ordinal))
    .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), top * 2);
Print("by stack", byStack, top);

void Print(string title, Dictionary<string, long> bytes, int count)
{
    Console.WriteLine("== " + title);
    foreach (var (name, amount) in bytes.OrderByDescending(p => p.Value).Take(count))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100.0 * amount / Math.Max(1, total),6:0.0} %  {name}"));
    }
}
