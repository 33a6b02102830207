using System.Buffers;
using System.Runtime.InteropServices;
using ItaBot.Shared;

namespace ItaBot.QandA;

/// <summary>How questions are cut into terms: character 2- and 3-grams, ICU words, or both with their scores added.</summary>
internal enum QaMethod
{
    CharNgrams,
    Words,
    Combined,
}

/// <summary>
/// One thing the bot can answer: an FAQ entry, a service, an executive or a unit. <paramref name="Phrasings"/> are the
/// short ways to ask for it (question, alternatives, names, tags); <paramref name="Body"/> is the long text (answer,
/// description, documents) that counts for less. <paramref name="Links"/> are ids that give the same answer (an FAQ
/// entry and the service it explains), so the three choices offered are three different things.
/// </summary>
internal sealed record QaEntry(string Id, string Title, IReadOnlyList<string> Phrasings, string Body, IReadOnlyList<string> Links)
{
    public bool IsLinkedTo(QaEntry other) =>
        Links.Contains(other.Id, StringComparer.Ordinal) || other.Links.Contains(Id, StringComparer.Ordinal);
}

/// <summary>
/// A ranked candidate. <see cref="Score"/> is the share of the question that the entry's best phrasing explains (1 is all
/// of it) plus a little for its long text: it orders the candidates and is the confidence the thresholds read.
/// </summary>
internal sealed record QaCandidate(QaEntry Entry, double Score);

/// <summary>The top candidates (linked ones folded together), best first; <see cref="Margin"/> is (s1 − s2) / s1.</summary>
/// <see cref="Exact"/>: the question, normalised, is one of the best entry's own phrasings. <see cref="Agreed"/>: each way of
/// cutting the question into terms (words, character n-grams) ranks the best entry (or one linked to it) first on its own.
/// The margin is taken over the larger of the runner-up and <see cref="Unanswerable"/>, the score of the labelled questions
/// nothing in the pack answers (<see cref="QaCatalog.UnanswerableId"/>, never in <see cref="Top"/>).
internal sealed record QaRanking(IReadOnlyList<QaCandidate> Top, double Margin, bool Exact = false, bool Agreed = false)
{
    /// <summary>How much of the question the labelled unanswerable questions explain (0 when the index has none).</summary>
    public double Unanswerable { get; init; }

    public static QaRanking Empty { get; } = new([], 0);

    /// <summary>(s1 − s2) / s1 over the runner-up entry alone (1 when there is none).</summary>
    public double RunnerUpLead => Top.Count == 0 ? 0 : Top.Count == 1 ? 1 : (Top[0].Score - Top[1].Score) / Top[0].Score;

    /// <summary>(s1 − u) / s1 over <see cref="Unanswerable"/> alone (negative when the unanswerable questions explain more).</summary>
    public double UnanswerableLead => Top.Count == 0 ? 0 : (Top[0].Score - Unanswerable) / Top[0].Score;

    public QaCandidate? Best => Top.Count > 0 ? Top[0] : null;
}

/// <summary>Weights of the ranking; defaults are the values chosen on the dev set (see QaEvaluationTests).</summary>
internal sealed record QaTuning
{
    public static QaTuning Default { get; } = new();

    public double K1 { get; init; } = 1.2;

    public double B { get; init; } = 0.5;

    /// <summary>Weight of the long text (answers, documents) against the best short phrasing.</summary>
    public double BodyWeight { get; init; } = 0.5;

    /// <summary>In <see cref="QaMethod.Combined"/>, the weight of the word score against the n-gram score.</summary>
    public double WordWeight { get; init; } = 0.5;

    /// <summary>
    /// Weight of all of an entry's phrasings read as one text, against its best single phrasing: a question that mixes
    /// words from two phrasings of one entry ("ลงชื่อ" from one, "เบี้ยคนแก่" from another) still finds it.
    /// </summary>
    public double AllPhrasingsWeight { get; init; } = 0.7;
}

/// <summary>
/// A BM25 index over the content pack's entries, built once per pack and read by any number of threads.
/// Each entry scores its best phrasing plus a share of its body; scores are divided by what the question's own terms
/// would score at best, so they read as "how much of the question this entry explains" and unknown words count against.
/// </summary>
internal sealed class QaIndex
{
    private const int MaxCandidates = 5;

    private readonly Analyzer[] _analyzers;
    private readonly double[] _weights;
    private readonly QaTuning _tuning;
    private readonly Dictionary<string, int> _exact;
    private readonly int _unanswerable;

    // The understanding step and the Q&A dialog rank the same message in one turn: ranked once.
    private readonly RecentResults<QaRanking> _recent = new();

    public QaIndex(IReadOnlyList<QaEntry> entries, QaMethod method, QaTuning? tuning = null)
    {
        Entries = entries;
        Method = method;
        _tuning = tuning ?? QaTuning.Default;
        ITermizer[] termizers = method switch
        {
            QaMethod.CharNgrams => [new CharNgramTermizer()],
            QaMethod.Words => [new IcuWordTermizer()],
            _ => [new CharNgramTermizer(), new IcuWordTermizer()],
        };
        _weights = method == QaMethod.Combined ? [1 - _tuning.WordWeight, _tuning.WordWeight] : [1.0];
        _analyzers = [.. termizers.Select(t => new Analyzer(t, entries, _tuning))];
        _unanswerable = entries.ToList().FindIndex(e => string.Equals(e.Id, QaCatalog.UnanswerableId, StringComparison.Ordinal));
        _exact = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < entries.Count; e++)
        {
            foreach (var phrasing in entries[e].Phrasings)
            {
                // A phrasing two entries share is nobody's exact match.
                var key = ThaiNormalizer.ForMatching(phrasing);
                _exact[key] = _exact.TryGetValue(key, out var other) && other != e ? -1 : e;
            }
        }
    }

    public IReadOnlyList<QaEntry> Entries { get; }

    public QaMethod Method { get; }

    /// <summary>Ranks the entries for a question (normalised here; long questions are cut first).</summary>
    public QaRanking Rank(string question)
    {
        var text = ThaiNormalizer.ForMatching(question);
        return text.Length == 0 || Entries.Count == 0 ? QaRanking.Empty : _recent.Get(text, RankNormalized);
    }

    private QaRanking RankNormalized(string text)
    {
        var total = ArrayPool<double>.Shared.Rent(Entries.Count);
        try
        {
            Array.Clear(total, 0, Entries.Count);
            var weightSum = 0.0;
            Span<int> firsts = stackalloc int[_analyzers.Length];
            for (var a = 0; a < _analyzers.Length; a++)
            {
                firsts[a] = _analyzers[a].Score(text, _tuning.BodyWeight, total, _weights[a]);
                if (firsts[a] >= 0)
                {
                    weightSum += _weights[a];
                }
            }

            if (weightSum == 0)
            {
                return QaRanking.Empty;
            }

            var ranking = Collect(total, weightSum);
            if (ranking.Best is { } best && _analyzers.Length > 1 && Agree(firsts, best.Entry))
            {
                ranking = ranking with { Agreed = true };
            }

            return _exact.TryGetValue(text, out var exact) && exact >= 0 && ranking.Best?.Entry == Entries[exact]
                ? ranking with { Exact = true }
                : ranking;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(total);
        }
    }

    private QaRanking Collect(double[] total, double weightSum)
    {
        // Partial selection: the best few in order (highest score, then lowest index), skipping entries linked to one
        // already taken. A pass per place over the scores instead of sorting them all: MaxCandidates is 5.
        var top = new List<QaCandidate>(MaxCandidates);
        var taken = ArrayPool<bool>.Shared.Rent(Entries.Count);
        Array.Clear(taken, 0, Entries.Count);
        var unanswerable = 0.0;
        if (_unanswerable >= 0)
        {
            // Ranked with the others, never offered.
            taken[_unanswerable] = true;
            unanswerable = total[_unanswerable] / weightSum;
        }

        try
        {
            while (top.Count < MaxCandidates)
            {
                var best = -1;
                for (var i = 0; i < Entries.Count; i++)
                {
                    if (!taken[i] && total[i] > 0 && (best < 0 || total[i] > total[best]))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                taken[best] = true;
                var entry = Entries[best];
                if (!IsLinkedToAny(top, entry))
                {
                    top.Add(new QaCandidate(entry, total[best] / weightSum));
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(taken);
        }

        var runnerUp = Math.Max(top.Count > 1 ? top[1].Score : 0, unanswerable);
        var margin = top.Count switch
        {
            0 => 0,
            1 when runnerUp == 0 => 1,
            _ => (top[0].Score - runnerUp) / top[0].Score,
        };
        return new QaRanking(top, margin) { Unanswerable = unanswerable };
    }

    /// <summary>Whether every analyzer's own first entry is <paramref name="best"/> or linked to it.</summary>
    private bool Agree(ReadOnlySpan<int> firsts, QaEntry best)
    {
        foreach (var first in firsts)
        {
            if (first < 0 || (Entries[first] != best && !Entries[first].IsLinkedTo(best)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLinkedToAny(List<QaCandidate> top, QaEntry entry)
    {
        foreach (var taken in top)
        {
            if (taken.Entry.IsLinkedTo(entry))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One way of cutting text into terms, with a phrasing index and a body index.</summary>
    private sealed class Analyzer
    {
        private readonly ITermizer _termizer;
        private readonly Bm25Field _phrasings;
        private readonly int[] _phrasingEntry;
        private readonly Bm25Field _bodies;
        private readonly Bm25Field _allPhrasings;
        private readonly double _allWeight;
        private readonly int _entryCount;

        public Analyzer(ITermizer termizer, IReadOnlyList<QaEntry> entries, QaTuning tuning)
        {
            _termizer = termizer;
            _entryCount = entries.Count;
            var phrasingTerms = new List<long[]>();
            var phrasingEntry = new List<int>();
            var bodyTerms = new List<long[]>(entries.Count);
            var allTerms = new List<long[]>(entries.Count);
            var buffer = new List<long>(256);
            var all = new List<long>(1024);
            for (var e = 0; e < entries.Count; e++)
            {
                all.Clear();
                foreach (var phrasing in entries[e].Phrasings)
                {
                    buffer.Clear();
                    termizer.AddTerms(ThaiNormalizer.ForMatching(phrasing), buffer);
                    if (buffer.Count > 0)
                    {
                        phrasingTerms.Add([.. buffer]);
                        phrasingEntry.Add(e);
                        all.AddRange(buffer);
                    }
                }

                allTerms.Add([.. all]);

                buffer.Clear();
                termizer.AddTerms(ThaiNormalizer.ForMatching(entries[e].Body), buffer);
                bodyTerms.Add([.. buffer]);
            }

            _phrasings = new Bm25Field(phrasingTerms, tuning);
            _phrasingEntry = [.. phrasingEntry];
            _bodies = new Bm25Field(bodyTerms, tuning);
            _allPhrasings = new Bm25Field(allTerms, tuning);
            _allWeight = tuning.AllPhrasingsWeight;
        }

        [ThreadStatic]
        private static List<long>? t_terms;

        [ThreadStatic]
        private static HashSet<long>? t_seen;

        /// <summary>Adds this analyzer's weighted scores; returns the entry it ranks first on its own (-1 when the question gave no terms).</summary>
        public int Score(string text, double bodyWeight, double[] total, double weight)
        {
            // A thread's term list and set, reused (Score never awaits): two analyzers' lists and sets per ranking were
            // most of a ranking's own bytes (issue 19).
            var buffer = t_terms ??= new List<long>(256);
            var seen = t_seen ??= new HashSet<long>(256);
            buffer.Clear();
            seen.Clear();
            _termizer.AddTerms(text, buffer);
            if (buffer.Count == 0)
            {
                return -1;
            }

            // Distinct terms, first occurrence first (the order the scores are summed in, so results stay bit-identical).
            var distinct = 0;
            for (var i = 0; i < buffer.Count; i++)
            {
                if (seen.Add(buffer[i]))
                {
                    buffer[distinct++] = buffer[i];
                }
            }

            buffer.RemoveRange(distinct, buffer.Count - distinct);
            var terms = CollectionsMarshal.AsSpan(buffer);
            var ideal = _phrasings.IdealScore(terms);
            var phrasingScores = ArrayPool<double>.Shared.Rent(_phrasings.Count);
            var bodyScores = ArrayPool<double>.Shared.Rent(_entryCount);
            var best = ArrayPool<double>.Shared.Rent(_entryCount);
            var allScores = ArrayPool<double>.Shared.Rent(_entryCount);
            try
            {
                _phrasings.Score(terms, phrasingScores);
                _bodies.Score(terms, bodyScores);
                Array.Clear(best, 0, _entryCount);
                for (var p = 0; p < _phrasings.Count; p++)
                {
                    ref var slot = ref best[_phrasingEntry[p]];
                    slot = Math.Max(slot, phrasingScores[p]);
                }

                var bodyIdeal = _bodies.IdealScore(terms);
                if (_allWeight > 0)
                {
                    _allPhrasings.Score(terms, allScores);
                }

                var allIdeal = _allWeight > 0 ? _allPhrasings.IdealScore(terms) : 1;
                var first = 0;
                var firstScore = double.MinValue;
                for (var e = 0; e < _entryCount; e++)
                {
                    var phrasing = _allWeight > 0 ? ((1 - _allWeight) * best[e] / ideal) + (_allWeight * allScores[e] / allIdeal)
                        : best[e] / ideal;
                    var body = bodyScores[e] / bodyIdeal;
                    var score = phrasing + (bodyWeight * body);
                    total[e] += weight * score;
                    if (score > firstScore)
                    {
                        (first, firstScore) = (e, score);
                    }
                }

                return first;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(phrasingScores);
                ArrayPool<double>.Shared.Return(bodyScores);
                ArrayPool<double>.Shared.Return(best);
                ArrayPool<double>.Shared.Return(allScores);
            }
        }
    }
}

/// <summary>Okapi BM25 over a collection of term arrays; postings carry the precomputed term-frequency part.</summary>
internal sealed class Bm25Field
{
    private readonly Dictionary<long, (double Idf, Posting[] Postings)> _terms;
    private readonly double _unknownIdf;
    private readonly int _count;

    public Bm25Field(IReadOnlyList<long[]> documents, QaTuning tuning)
    {
        _count = documents.Count;
        var averageLength = documents.Count == 0 ? 1 : Math.Max(1, documents.Average(d => d.Length));
        var postings = new Dictionary<long, List<Posting>>();
        var counts = new Dictionary<long, int>();
        for (var d = 0; d < documents.Count; d++)
        {
            counts.Clear();
            foreach (var term in documents[d])
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _)++;
            }

            var norm = tuning.K1 * (1 - tuning.B + (tuning.B * documents[d].Length / averageLength));
            foreach (var (term, tf) in counts)
            {
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add(new Posting(d, (float)(tf * (tuning.K1 + 1) / (tf + norm))));
            }
        }

        _terms = postings.ToDictionary(p => p.Key, p => (Idf(p.Value.Count), p.Value.ToArray()));
        _unknownIdf = Idf(0);
    }

    /// <summary>Documents in the field (the length of a score buffer).</summary>
    public int Count => _count;

    /// <summary>Each document's score into the first <see cref="Count"/> places of <paramref name="scores"/> (cleared first).</summary>
    public void Score(ReadOnlySpan<long> terms, double[] scores)
    {
        Array.Clear(scores, 0, _count);
        foreach (var term in terms)
        {
            if (_terms.TryGetValue(term, out var entry))
            {
                foreach (var posting in entry.Postings)
                {
                    scores[posting.Document] += entry.Idf * posting.Weight;
                }
            }
        }
    }

    /// <summary>What a document holding every term once at average length would score; unknown terms count at full weight.</summary>
    public double IdealScore(ReadOnlySpan<long> terms)
    {
        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += _terms.TryGetValue(term, out var entry) ? entry.Idf : _unknownIdf;
        }

        return Math.Max(sum, 1e-9);
    }

    private double Idf(int documentFrequency) => Math.Log(1 + ((_count - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private readonly record struct Posting(int Document, float Weight);
}
