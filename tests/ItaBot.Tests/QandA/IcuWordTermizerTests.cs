using Icu;
using ItaBot.QandA;
using ItaBot.Understanding;

namespace ItaBot.Tests.QandA;

/// <summary>
/// The word termizer keeps one ICU word break iterator per thread (issue 19, session 17: BreakIterator.Split opened a native
/// iterator for every text): its terms must be exactly those of BreakIterator.Split, for every text the index and the
/// service cut into words, on any number of threads at once.
/// </summary>
public sealed class IcuWordTermizerTests
{
    private static readonly Locale Thai = new("th");

    /// <summary>Every message of the dev intent set in the matcher's form (3,900 texts: Thai, Isan, Latin, digits, emoji).</summary>
    private static readonly string[] Texts =
        [.. IntentSet.Dev.Select(m => ThaiNormalizer.ForMatching(m.Text)).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];

    private static List<long> AsSplit(string text) =>
        [.. BreakIterator.Split(BreakIterator.UBreakIteratorType.WORD, Thai, text)
            .Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => IcuWordTermizer.Hash(w.Trim()))];

    private static List<long> Terms(IcuWordTermizer termizer, string text)
    {
        var terms = new List<long>();
        termizer.AddTerms(text, terms);
        return terms;
    }

    [Fact]
    public void AddTerms_EveryDevMessage_GivesBreakIteratorSplitsWordsInOrder()
    {
        var termizer = new IcuWordTermizer();
        var differing = Texts.Where(t => !Terms(termizer, t).SequenceEqual(AsSplit(t))).Take(5).ToList();

        Assert.True(Texts.Length > 1000, $"only {Texts.Length} texts");
        Assert.Empty(differing);
    }

    [Fact]
    public async Task AddTerms_OnFourThreadsAtOnce_EachTextGetsItsOwnWords()
    {
        var termizer = new IcuWordTermizer();
        var expected = Texts.Select(AsSplit).ToArray();
        var wrong = 0;

        // Four threads cut the whole list at once, each from another starting point, so their iterators hold different texts.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(start => Task.Run(() =>
        {
            for (var k = 0; k < Texts.Length; k++)
            {
                var i = (k + (start * Texts.Length / 4)) % Texts.Length;
                if (!Terms(termizer, Texts[i]).SequenceEqual(expected[i]))
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(0, wrong);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("!!")]
    [InlineData("แจ้งเกิด")]
    [InlineData("ภาษี ที่ดิน 2568 pdpa")]
    public void AddTerms_ShortAndEmptyTexts_AsSplit(string text)
    {
        var termizer = new IcuWordTermizer();
        Assert.Equal(AsSplit(text), Terms(termizer, text));
    }
}
