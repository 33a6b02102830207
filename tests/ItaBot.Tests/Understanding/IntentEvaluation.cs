using System.Globalization;
using System.Text;
using ItaBot.QandA;
using ItaBot.Tests.QandA;
using ItaBot.Understanding;

namespace ItaBot.Tests.Understanding;

/// <summary>Precision and recall of one intent.</summary>
internal sealed record IntentFigures(Intent Intent, int Labelled, int Predicted, int Right)
{
    public double Precision => Predicted == 0 ? 1 : (double)Right / Predicted;

    public double Recall => Labelled == 0 ? 1 : (double)Right / Labelled;
}

/// <summary>The figures issue 13 asks for over one labelled set.</summary>
internal sealed record IntentReport(int Total, IReadOnlyList<IntentFigures> PerIntent, int CategoryLabelled, int CategoryRight, int CategoryAsked,
    int PlaceLabelled, int PlaceRight, IReadOnlyList<string> Misses)
{
    public IntentFigures For(Intent intent) => PerIntent.First(f => f.Intent == intent);

    public double Accuracy => (double)PerIntent.Sum(f => f.Right) / Total;

    /// <summary>Complaints whose category was picked, and picked wrong (asking is not wrong).</summary>
    public int CategoryWrong => CategoryLabelled - CategoryRight - CategoryAsked;

    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"n={Total}, accuracy {Accuracy:P1}");
        foreach (var f in PerIntent.Where(f => f.Labelled > 0 || f.Predicted > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {f.Intent,-14} n={f.Labelled,3} precision {f.Precision,6:P1} recall {f.Recall,6:P1}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"\n  complaint category: right {CategoryRight}/{CategoryLabelled}, asked {CategoryAsked}, wrong {CategoryWrong}; place named: found {PlaceRight}/{PlaceLabelled}");
        return text.ToString();
    }
}

internal static class IntentEvaluation
{
    private static readonly Lazy<IReadOnlyList<LabelledMessage>> HeldOutMessages =
        new(() => IntentSet.Parse(File.ReadAllText(SourceFile($"{Understanding.HeldOut.HeldOutSet}-intents.yaml"))));

    /// <summary>
    /// The held-out set named by <see cref="Understanding.HeldOut.HeldOutSet"/>, written by an engineer who saw neither the code
    /// nor the dev data; the targets are scored on it, aggregates only. (Sets 1–3 are spent and part of the dev set.)
    /// </summary>
    public static IReadOnlyList<LabelledMessage> HeldOut => HeldOutMessages.Value;

    /// <summary>The dev set: the model's training data, built into the service.</summary>
    public static IReadOnlyList<LabelledMessage> Dev => IntentSet.Dev;

    public static QaMatcher Matcher { get; } = new(QaEvaluation.Pack, new QaOptions());

    /// <summary>The understander the service builds, over the shipped content pack with the default Q&amp;A settings and the shipped model.</summary>
    public static Understander Understander { get; } = new(Matcher, IntentModel.Shipped);

    public const int Folds = 5;

    public static IntentReport Evaluate(IReadOnlyList<LabelledMessage> messages) => Evaluate(messages, (m, _) => Understander.Understand(m.Text));

    /// <summary>
    /// Each message understood by a model trained on the other folds (message i is in fold i mod 5), so the model never
    /// sees the message it reads. The rules were tuned on the whole dev set, so their share stays in-sample.
    /// </summary>
    public static IntentReport CrossValidate(IReadOnlyList<LabelledMessage> messages, IntentBlend blend)
    {
        var understanders = Enumerable.Range(0, Folds)
            .Select(fold => new Understander(Matcher, IntentModel.Train(messages.Where((_, i) => i % Folds != fold)), blend))
            .ToArray();
        return Evaluate(messages, (m, i) => understanders[i % Folds].Understand(m.Text));
    }

    /// <summary>The writers of the spent held-out sets inside dev, each of whom wrote blind (h1 … h13).</summary>
    public static IReadOnlyList<string> Writers(IReadOnlyList<LabelledMessage> messages) =>
        [.. messages.Select(m => m.Source).Where(s => !string.Equals(s, IntentSet.TuningWriters, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Leave one writer out, the way a held-out set measures: for each blind writer, the model is trained on every other
    /// source (the tuning engineers' messages included) and scores that writer's messages only; pooled over the writers,
    /// and per writer. The rules were written from all of dev, so their share stays in-sample (as in k-fold).
    /// </summary>
    public static (IntentReport Pooled, IReadOnlyList<(string Writer, IntentReport Report)> PerWriter) LeaveOneWriterOut(
        IReadOnlyList<LabelledMessage> messages, IntentBlend blend)
    {
        var writers = Writers(messages);
        var understanders = writers.ToDictionary(w => w,
            w => new Understander(Matcher, IntentModel.Train(messages.Where(m => !string.Equals(m.Source, w, StringComparison.Ordinal))), blend),
            StringComparer.Ordinal);
        var scored = messages.Where(m => understanders.ContainsKey(m.Source)).ToList();
        var pooled = Evaluate(scored, (m, _) => understanders[m.Source].Understand(m.Text));
        var perWriter = writers.Select(w => (w, Evaluate(scored.Where(m => string.Equals(m.Source, w, StringComparison.Ordinal)).ToList(),
            (m, _) => understanders[w].Understand(m.Text)))).ToList();
        return (pooled, perWriter);
    }

    public static IntentReport Evaluate(IReadOnlyList<LabelledMessage> messages, Func<LabelledMessage, int, Understood> understand)
    {
        var predictions = messages.Select((m, i) => (Message: m, Got: understand(m, i))).ToList();
        var perIntent = Enum.GetValues<Intent>().Select(intent => new IntentFigures(
            intent,
            predictions.Count(p => p.Message.Intent == intent),
            predictions.Count(p => p.Got.Intent == intent),
            predictions.Count(p => p.Message.Intent == intent && p.Got.Intent == intent))).ToList();
        var complaints = predictions.Where(p => p.Message.Intent == Intent.Complaint && p.Got.Intent == Intent.Complaint && p.Message.Category is not null).ToList();
        var places = predictions.Where(p => p.Message.Intent == Intent.Complaint && p.Got.Intent == Intent.Complaint && p.Message.Place is not null).ToList();
        var misses = new List<string>();
        foreach (var (message, got) in predictions)
        {
            if (message.Intent != got.Intent)
            {
                misses.Add($"INTENT {message.Intent} → {got.Intent}: {message.Text}");
            }
            else if (message.Category is not null && got.CategoryId != message.Category)
            {
                misses.Add($"CATEGORY {message.Category} → {got.CategoryId ?? "(asked)"}: {message.Text}");
            }
            else if (message.Place is not null && !PlaceMatches(message.Place, got.Place))
            {
                misses.Add($"PLACE {message.Place} → {got.Place ?? "(none)"}: {message.Text}");
            }
        }

        return new IntentReport(messages.Count, perIntent,
            complaints.Count, complaints.Count(p => p.Got.CategoryId == p.Message.Category), complaints.Count(p => p.Got.CategoryId is null),
            places.Count, places.Count(p => PlaceMatches(p.Message.Place!, p.Got.Place)), misses);
    }

    /// <summary>The place found is the one labelled, or holds it, or is held in it ("หน้าวัด" for "หน้าวัดโนนทอง").</summary>
    private static bool PlaceMatches(string labelled, string? found) =>
        found is not null && (labelled.Contains(found, StringComparison.Ordinal) || found.Contains(labelled, StringComparison.Ordinal));

    private static string SourceFile(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "ItaBot.Tests", "Understanding", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/ItaBot.Tests/Understanding/{file} not found above {AppContext.BaseDirectory}");
    }
}
