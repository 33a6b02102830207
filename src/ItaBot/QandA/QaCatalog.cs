using System.Globalization;
using ItaBot.Content;

namespace ItaBot.QandA;

/// <summary>
/// Turns a content pack into the entries the matcher ranks: FAQ entries ("faq:id"), services ("service:id"),
/// executives ("exec:id") and units ("unit:id"). Agency facts (phones, hours, address, e-mail, website) join the
/// FAQ entry that answers them, so a question quoting the phone number finds the contact answer.
/// </summary>
internal static class QaCatalog
{
    public const string FaqPrefix = "faq:";
    public const string ServicePrefix = "service:";
    public const string ExecutivePrefix = "exec:";
    public const string UnitPrefix = "unit:";

    /// <summary>
    /// The entry of the labelled questions nothing in the pack answers (<see cref="QaLearned.Unanswerable"/>): ranked like
    /// the others, never offered or answered; a question closer to it than to a real entry gets no direct answer.
    /// </summary>
    public const string UnanswerableId = "none:unanswerable";

    /// <param name="pack">The content pack.</param>
    /// <param name="withAlternatives">
    /// False leaves out the FAQ's alternative phrasings and the services' alternative names: the dev set then asks
    /// with exactly those phrasings, against an index that has never seen them.
    /// </param>
    /// <param name="learned">Labelled questions learned as extra phrasings (<see cref="QaLearned.Shipped"/> when null).</param>
    public static IReadOnlyList<QaEntry> Build(ContentPack pack, bool withAlternatives = true, QaLearned? learned = null)
    {
        learned ??= QaLearned.Shipped;
        var facts = AgencyFacts(pack.Agency);
        var entries = new List<QaEntry>(pack.Faq.Count + pack.Services.Count + pack.Executives.Count + pack.Units.Count);
        foreach (var faq in pack.Faq)
        {
            List<string> phrasings = [faq.Question, .. withAlternatives ? faq.Alternatives : [], .. faq.Tags, .. learned.For(FaqPrefix + faq.Id)];
            var body = facts.TryGetValue(faq.Id, out var fact) ? faq.Answer + "\n" + fact : faq.Answer;
            entries.Add(new QaEntry(FaqPrefix + faq.Id, faq.Question, phrasings, body,
                faq.ServiceId is { } service ? [ServicePrefix + service] : []));
        }

        foreach (var service in pack.Services)
        {
            List<string> phrasings = [service.Name, .. withAlternatives ? service.AlternativeNames : [], string.Join(' ', service.Tags), .. learned.For(ServicePrefix + service.Id)];
            var body = string.Join('\n', [service.Description ?? string.Empty, .. service.Documents, .. service.Steps.Select(s => s.Description)]);
            entries.Add(new QaEntry(ServicePrefix + service.Id, service.Name, phrasings, body, []));
        }

        // An FAQ entry's own wording stays its exact match: a generated executive phrasing never takes it over.
        var faqWordings = pack.Faq.SelectMany(f => (IEnumerable<string>)[f.Question, .. f.Alternatives]).Select(ThaiNormalizer.ForMatching).ToHashSet(StringComparer.Ordinal);
        foreach (var executive in pack.Executives)
        {
            entries.Add(new QaEntry(ExecutivePrefix + executive.Id, $"{executive.Position} {executive.Name}",
                [executive.Position, executive.Name, .. AskedFor(executive.Position, pack.Agency).Where(p => !faqWordings.Contains(ThaiNormalizer.ForMatching(p))),
                    .. learned.For(ExecutivePrefix + executive.Id)],
                executive.Phone ?? string.Empty, []));
        }

        foreach (var unit in pack.Units)
        {
            entries.Add(new QaEntry(UnitPrefix + unit.Id, unit.Name, [unit.Name, $"เบอร์โทร{unit.Name}", .. learned.For(UnitPrefix + unit.Id)],
                string.Join('\n', [unit.HeadPosition, unit.Head, .. unit.Duties]), []));
        }

        if (learned.Unanswerable.Count > 0)
        {
            entries.Add(new QaEntry(UnanswerableId, string.Empty, learned.Unanswerable, string.Empty, []));
        }

        return entries;
    }

    /// <summary>Everyday words for parts of a position ("เลขานายก" for เลขานุการนายกเทศมนตรี).</summary>
    private static readonly (string Formal, string Everyday)[] PositionWords = [("นายกเทศมนตรี", "นายก"), ("เลขานุการ", "เลขา")];

    /// <summary>
    /// How people ask for the holder of a position: its short title (without what is in brackets and without the agency's
    /// name or place: "ประธานสภา", "นายกเทศมนตรี") and its everyday form, alone and with "ชื่ออะไร" / "คือใคร" — so "เลขานายกชื่ออะไร" finds the
    /// secretary rather than the mayor's FAQ entry, whose phrasings hold "นายกชื่ออะไร".
    /// </summary>
    private static IEnumerable<string> AskedFor(string position, Agency agency)
    {
        var title = position.Split('(')[0].Trim();
        // "เทศบาลตำบลโนนทอง", "ทต.โนนทอง" and the place alone ("นายกเทศมนตรีตำบลโนนทอง").
        foreach (var name in new[] { agency.Name, agency.ShortName, agency.Name.Replace("เทศบาล", string.Empty, StringComparison.Ordinal) }
            .Where(n => n.Length > 0).OrderByDescending(n => n.Length))
        {
            title = title.Replace(name, string.Empty, StringComparison.Ordinal).Trim();
        }

        var everyday = PositionWords.Aggregate(title, (t, w) => t.Replace(w.Formal, w.Everyday, StringComparison.Ordinal));
        foreach (var form in new[] { title, everyday }.Distinct(StringComparer.Ordinal))
        {
            yield return form;
            yield return form + "ชื่ออะไร";
            yield return form + "คือใคร";
        }
    }

    private static Dictionary<string, string> AgencyFacts(Agency agency)
    {
        var hours = string.Create(CultureInfo.InvariantCulture,
            $"เวลาทำการ {agency.OfficeHours.DaysText} {agency.OfficeHours.Open:HH\\.mm}–{agency.OfficeHours.Close:HH\\.mm} น.");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["office-hours"] = hours,
            ["contact-phone"] = string.Join(' ', agency.Phones.Select(p => $"{p.Label} {p.Number}")) + (agency.Fax is { } fax ? $" โทรสาร {fax}" : string.Empty),
            ["office-location"] = $"ที่อยู่ {agency.Address.Full}",
            ["email-address"] = $"อีเมล {agency.Email}",
            ["website"] = $"เว็บไซต์ {agency.Website} {agency.Facebook}",
        };
    }
}
