using Icu;

namespace ItaBot.QandA;

/// <summary>Cuts normalised text into terms (64-bit keys, so no strings are kept per term).</summary>
internal interface ITermizer
{
    void AddTerms(string normalized, List<long> terms);
}

/// <summary>Character 2- and 3-grams within each space-separated group; a one-letter group is a term by itself.</summary>
internal sealed class CharNgramTermizer : ITermizer
{
    public void AddTerms(string normalized, List<long> terms)
    {
        var span = normalized.AsSpan();
        var start = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            if (i < span.Length && span[i] != ' ')
            {
                continue;
            }

            var group = span[start..i];
            start = i + 1;
            if (group.Length == 1)
            {
                terms.Add(Key(group));
                continue;
            }

            for (var n = 2; n <= 3; n++)
            {
                for (var j = 0; j + n <= group.Length; j++)
                {
                    terms.Add(Key(group.Slice(j, n)));
                }
            }
        }
    }

    /// <summary>Up to three UTF-16 units packed into 48 bits, the length on top so "ab" and "ab\0" differ.</summary>
    private static long Key(ReadOnlySpan<char> gram)
    {
        long key = gram.Length;
        foreach (var c in gram)
        {
            key = (key << 16) | c;
        }

        return key;
    }
}

/// <summary>Thai words from ICU's dictionary-based word break iterator; Latin and digits come out as words too.</summary>
internal sealed class IcuWordTermizer : ITermizer
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Wrapper.Init();
        return true;
    });

    private static readonly Locale Thai = new("th");

    // One word break iterator per thread, given each text in turn: BreakIterator.Split opened and closed a native ICU
    // iterator for every text (issue 19: the Q&A ranking of every message, and every phrasing at start). An iterator is
    // not safe to share between threads; AddTerms never awaits, so a thread's iterator serves one text at a time.
    [ThreadStatic]
    private static BreakIterator? t_words;

    public IcuWordTermizer() => _ = Initialized.Value;

    public void AddTerms(string normalized, List<long> terms)
    {
        if (normalized.Length == 0)
        {
            return;
        }

        // The words BreakIterator.Split gives: each span between two boundaries whose rule status is not a space's or a
        // punctuation's (UWordBreak.NONE .. NONE_LIMIT), read as a span instead of a substring.
        var words = t_words ??= BreakIterator.CreateWordInstance(Thai);
        words.SetText(normalized);
        var current = words.Current;
        while (current != BreakIterator.DONE)
        {
            var next = words.MoveNext();
            var status = words.GetRuleStatus();
            if (next == BreakIterator.DONE)
            {
                break;
            }

            if (status is < (int)BreakIterator.UWordBreak.NONE or >= (int)BreakIterator.UWordBreak.NONE_LIMIT)
            {
                var word = normalized.AsSpan(current, next - current);
                if (!word.IsWhiteSpace())
                {
                    terms.Add(Hash(word.Trim()));
                }
            }

            current = next;
        }
    }

    /// <summary>FNV-1a, 64 bits: stable across runs, unlike string.GetHashCode.</summary>
    internal static long Hash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)(hash | 0x8000_0000_0000_0000UL));
    }
}
