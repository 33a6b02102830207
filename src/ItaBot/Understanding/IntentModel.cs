using System.Buffers;
using System.Numerics;
using System.Reflection;
using ItaBot.QandA;
using YamlDotNet.RepresentationModel;

namespace ItaBot.Understanding;

/// <summary>
/// A labelled message of an intent set: its intent, for a complaint the category and the place the text names, and who
/// wrote it (<see cref="IntentSet.TuningWriters"/>, or a held-out set's name: "h1" … for the sets written blind).
/// </summary>
internal sealed record LabelledMessage(string Text, Intent Intent, string? Category, string? Place, string Source = IntentSet.TuningWriters);

/// <summary>
/// The labelled intent sets (YAML: <c>messages: [{ t, intent, category?, place?, src? }]</c>). The dev set ships inside the
/// service as the model's training data (<c>Understanding/dev-intents.yaml</c>); the held-out set stays in the tests.
/// </summary>
internal static class IntentSet
{
    private const string ShippedResource = "ItaBot.Understanding.dev-intents.yaml";

    /// <summary>The source of messages without <c>src</c>: written by the engineers who tuned, from dev's own misses.</summary>
    public const string TuningWriters = "dev";

    private static readonly Lazy<IReadOnlyList<LabelledMessage>> ShippedSet = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"embedded resource {ShippedResource} missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    });

    /// <summary>The dev set, as built into the service.</summary>
    public static IReadOnlyList<LabelledMessage> Dev => ShippedSet.Value;

    public static IReadOnlyList<LabelledMessage> Parse(string yaml)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var messages = (YamlSequenceNode)root.Children[new YamlScalarNode("messages")];
        var set = new List<LabelledMessage>(messages.Children.Count);
        foreach (var node in messages.Children.Cast<YamlMappingNode>())
        {
            set.Add(new LabelledMessage(Scalar(node, "t") ?? "", ParseIntent(Scalar(node, "intent") ?? ""), Scalar(node, "category"), Scalar(node, "place"),
                Scalar(node, "src") ?? TuningWriters));
        }

        return set;
    }

    public static Intent ParseIntent(string label) => label switch
    {
        "complaint" => Intent.Complaint,
        "corruption" => Intent.Corruption,
        "question" => Intent.Question,
        "out-of-scope" => Intent.OutOfScope,
        "greeting" => Intent.Greeting,
        "thanks" => Intent.Thanks,
        "my-case" => Intent.MyCase,
        "rating" => Intent.Rating,
        "menu" => Intent.Menu,
        "privacy" => Intent.PrivacyRequest,
        _ => throw new InvalidDataException($"unknown intent label '{label}'"),
    };

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}

/// <summary>
/// A character n-gram naive Bayes over the normaliser's canonical text (no word segmentation: Thai is typed without
/// spaces, misspelt and in dialect, where shared letter runs carry the meaning). It backs the rules up where their word
/// lists run out; <see cref="Understander"/> decides how the two are combined. Trained at start from the dev set
/// (a few hundred messages: milliseconds); scoring a message allocates nothing per n-gram it reads.
/// </summary>
internal sealed class IntentModel
{
    internal const int MinGram = 2;
    internal const int MaxGram = 4;

    /// <summary>Additive smoothing; chosen by 5-fold cross-validation on the dev set (see IntentEvaluationTests).</summary>
    private const double Alpha = 0.3;

    private static readonly Lazy<IntentModel> ShippedModel = new(() => Train(IntentSet.Dev));

    private readonly Intent[] _classes;
    // The n-grams' log-likelihoods by length (index n), keyed by the n-gram's characters packed into 64 bits (Pack): a
    // lookup hashes one number instead of a string (issue 19, session 17).
    private readonly Dictionary<ulong, float[]>[] _grams;

    private readonly float _scopeBias;

    private IntentModel(Intent[] classes, Dictionary<string, float[]> logLikelihood, float scopeBias)
    {
        _classes = classes;
        _scopeBias = scopeBias;
        _grams = [.. Enumerable.Range(0, MaxGram + 1).Select(_ => new Dictionary<ulong, float[]>())];
        foreach (var (gram, row) in logLikelihood)
        {
            _grams[gram.Length].Add(Pack(gram), row);
        }
    }

    /// <summary>The model trained on the dev set built into the service.</summary>
    public static IntentModel Shipped => ShippedModel.Value;

    public static IntentModel Train(IEnumerable<LabelledMessage> messages)
    {
        var examples = messages as IReadOnlyList<LabelledMessage> ?? [.. messages];
        var counts = new Dictionary<string, Dictionary<Intent, int>>(StringComparer.Ordinal);
        var totals = new Dictionary<Intent, int>();
        foreach (var example in examples)
        {
            totals.TryAdd(example.Intent, 0);
            var text = Prepare(example.Text);
            for (var n = MinGram; n <= MaxGram; n++)
            {
                for (var i = 0; i + n <= text.Length; i++)
                {
                    var gram = text.Substring(i, n);
                    if (!counts.TryGetValue(gram, out var perClass))
                    {
                        counts[gram] = perClass = [];
                    }

                    perClass[example.Intent] = perClass.GetValueOrDefault(example.Intent) + 1;
                    totals[example.Intent]++;
                }
            }
        }

        var classes = totals.Keys.Order().ToArray();
        var vocabulary = counts.Count;
        var (scopeWeights, scopeBias) = ScopeModel.Train(examples, counts);
        var logLikelihood = new Dictionary<string, float[]>(counts.Count, StringComparer.Ordinal);
        foreach (var (gram, perClass) in counts)
        {
            // The last column: the gram's weight in the learned out-of-scope score (ScopeModel), read in the same lookup.
            var row = new float[classes.Length + 1];
            for (var c = 0; c < classes.Length; c++)
            {
                row[c] = (float)Math.Log((perClass.GetValueOrDefault(classes[c]) + Alpha) / (totals[classes[c]] + (Alpha * vocabulary)));
            }

            row[classes.Length] = scopeWeights.GetValueOrDefault(gram);
            logLikelihood[gram] = row;
        }

        return new IntentModel(classes, logLikelihood, scopeBias);
    }

    /// <summary>The evidence for each intent the model was trained on; <see cref="IntentScores"/> turns it into posteriors.</summary>
    public IntentScores Score(string? text)
    {
        var prepared = Prepare(text);
        var sums = new double[_classes.Length];
        var scope = 0.0;
        var seen = 0;
        var span = prepared.AsSpan();
        // n-grams the dev set never saw say nothing about any intent. Each n-gram counts once per message (its first
        // occurrence), so a word typed over and over does not outvote the rest: the n-grams counted so far, packed as in
        // _grams, in a small open-addressing set (a key is never 0: the prepared text holds no NUL).
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, span.Length * 2));
        ulong[]? rented = null;
        var counted = slots <= 1024 ? stackalloc ulong[slots] : (rented = ArrayPool<ulong>.Shared.Rent(slots)).AsSpan(0, slots);
        var shift = 64 - BitOperations.Log2((uint)slots);
        for (var n = MinGram; n <= MaxGram; n++)
        {
            var grams = _grams[n];
            counted.Clear();
            for (var i = 0; i + n <= span.Length; i++)
            {
                var key = Pack(span.Slice(i, n));
                if (grams.TryGetValue(key, out var row) && CountOnce(counted, shift, key))
                {
                    seen++;
                    for (var c = 0; c < sums.Length; c++)
                    {
                        sums[c] += row[c];
                    }

                    scope += row[sums.Length];
                }
            }
        }

        if (rented is not null)
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }

        return new IntentScores(_classes, sums, seen) { OutOfScope = ScopeModel.Probability(_scopeBias, scope, seen) };
    }

    /// <summary>Up to four UTF-16 units in 64 bits (one table per length, so lengths need no mark).</summary>
    private static ulong Pack(ReadOnlySpan<char> gram)
    {
        var key = 0UL;
        foreach (var c in gram)
        {
            key = (key << 16) | c;
        }

        return key;
    }

    /// <summary>Adds <paramref name="key"/> to the set; false when it was there already (an earlier occurrence counted).</summary>
    private static bool CountOnce(Span<ulong> set, int shift, ulong key)
    {
        var mask = set.Length - 1;
        for (var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> shift); ; slot = (slot + 1) & mask)
        {
            if (set[slot] == key)
            {
                return false;
            }

            if (set[slot] == 0)
            {
                set[slot] = key;
                return true;
            }
        }
    }

    /// <summary>The canonical text without spaces, between start and end marks (so "ดี" alone differs from "ดี" inside a word).</summary>
    internal static string Prepare(string? text)
    {
        var normalized = ThaiNormalizer.Normalize(text);
        var length = normalized.Length - normalized.AsSpan().Count(' ') + 2;
        return string.Create(length, normalized, static (span, source) =>
        {
            span[0] = '^';
            var at = 1;
            foreach (var c in source)
            {
                if (c != ' ')
                {
                    span[at++] = c;
                }
            }

            span[at] = '$';
        });
    }
}

/// <summary>
/// The model's evidence per intent: summed log-likelihoods of the message's n-grams. Naive Bayes counts overlapping
/// n-grams as independent, which makes its raw posteriors near 0 or 1; <see cref="Posteriors"/> averages the evidence per
/// n-gram and scales it by a sharpness, so that thresholds between 0 and 1 mean something (equal priors: rare intents are
/// not talked down).
/// </summary>
internal sealed class IntentScores(Intent[] classes, double[] logSums, int grams)
{
    /// <summary>
    /// How likely the message is something the municipality does not handle, by the learned two-class score (ScopeModel:
    /// out of scope against every other intent), 0–1; 0 when the model read no n-gram it knows.
    /// </summary>
    public double OutOfScope { get; init; }

    public Intent Best => classes[Array.IndexOf(logSums, logSums.Max())];

    /// <summary>The posterior of each intent; an intent the model was not trained on is absent (reads 0).</summary>
    public Func<Intent, double> Posteriors(double sharpness)
    {
        var scale = grams == 0 ? 0 : sharpness / grams;
        var max = logSums.Max();
        var posteriors = new double[logSums.Length];
        var total = 0.0;
        for (var i = 0; i < posteriors.Length; i++)
        {
            posteriors[i] = Math.Exp((logSums[i] - max) * scale);
            total += posteriors[i];
        }

        return intent =>
        {
            var index = Array.IndexOf(classes, intent);
            return index < 0 ? 0 : posteriors[index] / total;
        };
    }
}

/// <summary>
/// "Is this the municipality's business at all?" learned as its own two-class question (issue 13, session 17): a logistic
/// regression over the same n-grams as the intent model (each present once, the message's vector of unit length), out of
/// scope against every other labelled intent, both classes weighed equally. Where the naive Bayes model weighs out of
/// scope against question, complaint and corruption one by one with the letters they share, this one learns which letters
/// tell the municipality's business from the rest. Its weights ride in the intent model's rows (no extra lookup per
/// message); trained at start by a fixed number of passes over the dev set in a fixed order.
/// </summary>
internal static class ScopeModel
{
    private const int Passes = 12;
    private const double LearningRate = 0.5;
    private const double L2 = 1e-5;

    public static double Probability(float bias, double sum, int grams) =>
        grams == 0 ? 0 : 1 / (1 + Math.Exp(-(bias + (sum / Math.Sqrt(grams)))));

    public static (Dictionary<string, float> Weights, float Bias) Train<T>(IReadOnlyList<LabelledMessage> examples, Dictionary<string, T> vocabulary)
    {
        var ids = new Dictionary<string, int>(vocabulary.Count, StringComparer.Ordinal);
        foreach (var gram in vocabulary.Keys)
        {
            ids[gram] = ids.Count;
        }

        var rows = new List<(int[] Grams, bool OutOfScope)>();
        foreach (var example in examples)
        {
            var text = IntentModel.Prepare(example.Text);
            var present = new HashSet<int>();
            for (var n = IntentModel.MinGram; n <= IntentModel.MaxGram; n++)
            {
                for (var i = 0; i + n <= text.Length; i++)
                {
                    if (ids.TryGetValue(text.Substring(i, n), out var id))
                    {
                        present.Add(id);
                    }
                }
            }

            if (present.Count > 0)
            {
                rows.Add(([.. present], example.Intent == Intent.OutOfScope));
            }
        }

        var weights = new double[ids.Count];
        var bias = 0.0;
        var positives = rows.Count(r => r.OutOfScope);
        if (positives == 0 || positives == rows.Count)
        {
            return (new Dictionary<string, float>(), 0f);
        }

        // Both classes weigh the same in total: out of scope is a fifth of dev.
        var positiveWeight = rows.Count / (2.0 * positives);
        var negativeWeight = rows.Count / (2.0 * (rows.Count - positives));
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(17);
        for (var pass = 0; pass < Passes; pass++)
        {
            random.Shuffle(order);
            var rate = LearningRate / (1 + pass);
            foreach (var r in order)
            {
                var (grams, outOfScope) = rows[r];
                var x = 1 / Math.Sqrt(grams.Length);
                var z = bias;
                foreach (var g in grams)
                {
                    z += weights[g] * x;
                }

                var error = ((outOfScope ? 1 : 0) - (1 / (1 + Math.Exp(-z)))) * (outOfScope ? positiveWeight : negativeWeight);
                bias += rate * error;
                foreach (var g in grams)
                {
                    weights[g] += rate * ((error * x) - (L2 * weights[g]));
                }
            }
        }

        var result = new Dictionary<string, float>(ids.Count, StringComparer.Ordinal);
        foreach (var (gram, id) in ids)
        {
            if (weights[id] != 0)
            {
                result[gram] = (float)weights[id];
            }
        }

        return (result, (float)bias);
    }
}
