using System.Globalization;
using System.Text;
using ItaBot.QandA;
using ItaBot.Tests.QandA;
using ItaBot.Understanding;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ItaBot.Tests.Understanding;

/// <summary>A labelled message: its intent, and for a complaint the category and the place the text names.</summary>
internal sealed record LabelledMessage(string Text, Intent Intent, string? Category, string? Place);

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

    public override string ToString()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"n={Total}, accuracy {Accuracy:P1}");
        foreach (var f in PerIntent.Where(f => f.Labelled > 0 || f.Predicted > 0))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {f.Intent,-14} n={f.Labelled,3} precision {f.Precision,6:P1} recall {f.Recall,6:P1}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"\n  complaint category: right {CategoryRight}/{CategoryLabelled}, asked {CategoryAsked}, wrong {CategoryLabelled - CategoryRight - CategoryAsked}; place named: found {PlaceRight}/{PlaceLabelled}");
        return text.ToString();
    }
}

internal static class IntentEvaluation
{
    public static IReadOnlyList<LabelledMessage> HeldOut { get; } = Load("heldout-intents.yaml");

    public static IReadOnlyList<LabelledMessage> Dev { get; } = Load("dev-intents.yaml");

    /// <summary>The understander the service builds, over the shipped content pack with the default Q&amp;A settings.</summary>
    public static Understander Understander { get; } = new(new QaMatcher(QaEvaluation.Pack, new QaOptions()));

    public static IntentReport Evaluate(IReadOnlyList<LabelledMessage> messages)
    {
        var predictions = messages.Select(m => (Message: m, Got: Understander.Understand(m.Text))).ToList();
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

    private static List<LabelledMessage> Load(string file)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var set = deserializer.Deserialize<MessageFile>(File.ReadAllText(SourceFile(file)));
        return [.. set.Messages.Select(m => new LabelledMessage(m.T, ParseIntent(m.Intent), m.Category, m.Place))];
    }

    private static Intent ParseIntent(string label) => label switch
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

    private sealed class MessageFile
    {
        public List<MessageRow> Messages { get; set; } = [];
    }

    private sealed class MessageRow
    {
        public string T { get; set; } = "";

        public string Intent { get; set; } = "";

        public string? Category { get; set; }

        public string? Place { get; set; }
    }
}
