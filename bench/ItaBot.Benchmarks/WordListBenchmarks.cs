using System.Buffers;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Micro;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Benchmarks;

/// <summary>
/// Matching the intent rules' word lists (issue 19, session 15): every <c>string[]</c> list of <see cref="IntentRules"/>
/// asked once whether the message has one of its words, word by word with <c>Contains</c> (as the rules do) and in one pass
/// with a <see cref="SearchValues{T}"/> of strings built once per list, over the messages of
/// <see cref="UnderstandingBenchmarks"/>, in one process so that the machine's load weighs on both alike. Session 15 read
/// the one pass 1.65× slower (19.5 against 11.9 µs for 38 lists, 896 words, load 17): for Thai words it does not pay, and
/// the rules kept <c>Contains</c>.
/// </summary>
[Config(typeof(ShortConfig))]
public class WordListBenchmarks
{
    private static readonly string[] Messages = UnderstandingBenchmarks.Messages;

    private string[][] _lists = [];
    private SearchValues<string>[] _searchValues = [];
    private string[] _compact = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _lists = [.. typeof(IntentRules).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string[])).Select(f => (string[])f.GetValue(null)!)];
        _searchValues = [.. _lists.Select(l => SearchValues.Create(l, StringComparison.Ordinal))];
        _compact = [.. Messages.Select(m => ThaiNormalizer.Normalize(m).Replace(" ", string.Empty, StringComparison.Ordinal))];
        Console.WriteLine($"// {_lists.Length} lists, {_lists.Sum(l => l.Length)} words");
    }

    [Benchmark(Baseline = true, Description = "every list, word by word (Contains)")]
    public int WordByWord()
    {
        var text = _compact[_next++ % _compact.Length];
        var found = 0;
        foreach (var list in _lists)
        {
            foreach (var word in list)
            {
                if (text.Contains(word, StringComparison.Ordinal))
                {
                    found++;
                    break;
                }
            }
        }

        return found;
    }

    [Benchmark(Description = "every list, one pass (SearchValues<string>)")]
    public int OnePass()
    {
        var text = _compact[_next++ % _compact.Length];
        var found = 0;
        foreach (var values in _searchValues)
        {
            if (text.AsSpan().IndexOfAny(values) >= 0)
            {
                found++;
            }
        }

        return found;
    }
}
