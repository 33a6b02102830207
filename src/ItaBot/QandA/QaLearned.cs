using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace ItaBot.QandA;

/// <summary>A labelled question: its text, the entry id that answers it ("handover" for none) and who wrote it.</summary>
internal sealed record LabelledQuestion(string Text, string Expect, string Source);

/// <summary>
/// Questions citizens' stand-ins typed, labelled with the entry that answers them, learned as extra phrasings of that
/// entry: the pack's phrasings are the writers' own words, while a new writer asks the way other people asked before. The
/// labelled sets ship inside the service (<c>src/ItaBot/QandA/dev-questions.yaml</c> and the spent first held-out
/// set, embedded); a question joins an entry only when the agency's pack has that entry (<see cref="QaCatalog.Build"/>),
/// and out-of-scope ones ("handover") join <see cref="Unanswerable"/>. Held-out sets being scored are never in them.
/// </summary>
internal sealed class QaLearned
{
    private static readonly string[] ShippedResources = ["ItaBot.QandA.dev-questions.yaml", "ItaBot.QandA.heldout-questions.yaml"];

    private static readonly Lazy<QaLearned> ShippedSet = new(() => new QaLearned(ShippedResources.SelectMany(name =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    })));

    private readonly Dictionary<string, List<string>> _byEntry = new(StringComparer.Ordinal);
    private readonly List<string> _unanswerable = [];

    public QaLearned(IEnumerable<LabelledQuestion> questions)
    {
        foreach (var question in questions)
        {
            if (string.Equals(question.Expect, Handover, StringComparison.Ordinal))
            {
                _unanswerable.Add(question.Text);
                continue;
            }

            if (!_byEntry.TryGetValue(question.Expect, out var list))
            {
                _byEntry[question.Expect] = list = [];
            }

            list.Add(question.Text);
        }
    }

    /// <summary>The label of a question nothing in the pack answers.</summary>
    public const string Handover = "handover";

    /// <summary>No learned phrasings: the pack's own only.</summary>
    public static QaLearned None { get; } = new([]);

    /// <summary>The labelled questions built into the service.</summary>
    public static QaLearned Shipped => ShippedSet.Value;

    /// <summary>The learned phrasings of an entry (none when no labelled question names it).</summary>
    public IReadOnlyList<string> For(string entryId) => _byEntry.TryGetValue(entryId, out var list) ? list : [];

    /// <summary>
    /// Questions labelled as nothing the pack answers ("handover"): they become one entry that is never offered
    /// (<see cref="QaCatalog.UnanswerableId"/>) but stands beside the real ones, so a question like one asked before that the
    /// municipality cannot answer ("ขอยืมเงินเทศบาลได้ไหม" against the equipment loan) gets no direct answer.
    /// </summary>
    public IReadOnlyList<string> Unanswerable => _unanswerable;

    /// <summary>Reads a question set (YAML: <c>questions: [{ q, expect, also?, src? }]</c>); rows without <c>src</c> are the tuning writers'.</summary>
    public static IReadOnlyList<LabelledQuestion> Parse(string yaml, string? source = null)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var rows = (YamlSequenceNode)root.Children[new YamlScalarNode("questions")];
        var set = new List<LabelledQuestion>(rows.Children.Count);
        foreach (var node in rows.Children.Cast<YamlMappingNode>())
        {
            set.Add(new LabelledQuestion(Scalar(node, "q") ?? string.Empty, Scalar(node, "expect") ?? Handover,
                source ?? Scalar(node, "src") ?? Understanding.IntentSet.TuningWriters));
        }

        return set;
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
