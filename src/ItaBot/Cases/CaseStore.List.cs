using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Dialogs.Prompts;
using LiteDB;

namespace ItaBot.Cases;

internal sealed partial class CaseStore
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// A page of the staff list, newest first. The query walks one index in descending order (the list key of the most
    /// selective filter given, or CreatedAt) and checks the other filters on each document as it goes, stopping after
    /// the page: the cost follows the page, not the collection. Number searches start from their own small candidate set.
    /// </summary>
    public CasePage List(CaseFilter filter, int page = 1, int pageSize = 50)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var now = _time.GetUtcNow().UtcDateTime;
        var rows = Source(filter, now).Where(d => Matches(d, filter, now)).Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(CaseDocuments.FromBson).ToList();
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new CasePage(rows, page, pageSize, hasMore);
    }

    private IEnumerable<BsonDocument> Source(CaseFilter filter, DateTime now)
    {
        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            return NewestFirst(CandidateNumbers(filter.Number).Select(n => Cases.FindOne(Query.EQ("Number", n))).OfType<BsonDocument>());
        }

        var (key, value) = filter switch
        {
            // Overdue cases are open ones: walk the open cases newest first and let Matches check the deadline.
            { OverdueOnly: true } => ("KOpen", "open"),
            { Department: { } d, Status: { } s } => ("KDepartmentStatus", d + "|" + s),
            { AssigneeId: { } a } => ("KAssignee", a),
            { CategoryId: { } c } => ("KCategory", c),
            { Department: { } d } => ("KDepartment", d),
            { Status: { } s } => ("KStatus", s.ToString()),
            { Channel: { } ch } => ("KChannel", ch.ToString()),
            _ => ("CreatedAt", null),
        };
        if (value is null)
        {
            return Cases.Query().OrderByDescending("CreatedAt").ToEnumerable();
        }

        // Keys are "value|ticks(19 digits)|id": this range holds every key of the value (and maybe a neighbour's, which
        // Matches drops), and within one value the keys sort by time.
        return Cases.Query()
            .Where(Query.Between(key, value + "|", value + "|99999999999999999999"))
            .OrderByDescending(key)
            .ToEnumerable();
    }

    private static IEnumerable<BsonDocument> NewestFirst(IEnumerable<BsonDocument> documents) =>
        documents.OrderByDescending(d => d["CreatedAt"].AsDateTime).ThenByDescending(d => d["_id"].AsString, StringComparer.Ordinal);

    private static bool Matches(BsonDocument d, CaseFilter filter, DateTime now) =>
        (filter.Status is not { } status || d["Status"].AsString == status.ToString())
        && (filter.CategoryId is not { } category || d["CategoryId"].AsString == category)
        && (filter.Department is not { } department || d["Department"].AsString == department)
        && (filter.Channel is not { } channel || d["Channel"].AsString == channel.ToString())
        && (filter.AssigneeId is not { } assignee || (d["AssigneeId"].IsString && d["AssigneeId"].AsString == assignee))
        && (!filter.OverdueOnly || (d["OpenDue"].IsDateTime && d["OpenDue"].AsDateTime.ToUniversalTime() < now));

    [GeneratedRegex(@"^ร?\s*(?:(?<year>\d{2})\s*-\s*)?(?<seq>\d{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    /// <summary>"ร68-00042", "68-42", "๖๘-๔๒" name one case; "42" names case 42 of every fiscal year on record.</summary>
    private List<string> CandidateNumbers(string text)
    {
        var match = NumberPattern().Match(ThaiText.ToArabicDigits(text.Trim()));
        if (!match.Success)
        {
            return [];
        }

        var sequence = int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["year"].Success)
        {
            return [CaseNumbers.Format(2500 + int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), sequence)];
        }

        return _store.Database.GetCollection(CaseNumbers.CountersCollection).FindAll()
            .Select(d => d["_id"].AsString)
            .Where(id => id.StartsWith("case-", StringComparison.Ordinal))
            .Select(id => CaseNumbers.Format(int.Parse(id.AsSpan(5), CultureInfo.InvariantCulture), sequence))
            .ToList();
    }
}
