using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ItaBot.Content;

/// <summary>
/// Reads <c>content/*.yaml</c> into a <see cref="ContentPack"/>, checking everything the bot and LINE will rely on
/// later. Every mistake is reported with its file, line and field, all in one pass.
/// </summary>
internal static class ContentPackLoader
{
    /// <summary>LINE's limit on a text message (and a sensible ceiling for any answer).</summary>
    public const int MaxAnswerLength = 5000;

    /// <summary>LINE's limit on a message action's text: questions become quick-reply choices.</summary>
    public const int MaxQuestionLength = 300;

    /// <summary>LINE's limit on a location message's title and address.</summary>
    public const int MaxLocationTextLength = 100;

    public const string AgencyFile = "agency.yaml";
    public const string ExecutivesFile = "executives.yaml";
    public const string StructureFile = "structure.yaml";
    public const string PowersFile = "powers.yaml";
    public const string ServicesFile = "services.yaml";
    public const string FaqFile = "faq.yaml";
    public const string NewsFile = "news.yaml";
    public const string ComplaintCategoriesFile = "complaint-categories.yaml";
    public const string MeasuresFile = "measures.yaml";
    public const string PrivacyFile = "privacy.yaml";

    private static readonly Dictionary<string, ExecutiveGroup> Groups = new(StringComparer.Ordinal)
    {
        ["executive"] = ExecutiveGroup.Executive,
        ["council"] = ExecutiveGroup.Council,
        ["staff"] = ExecutiveGroup.Staff,
    };

    private static readonly Dictionary<string, ChannelKind> ChannelKinds = new(StringComparer.Ordinal)
    {
        ["office"] = ChannelKind.Office,
        ["one-stop-service"] = ChannelKind.OneStopService,
        ["e-service"] = ChannelKind.EService,
        ["line"] = ChannelKind.Line,
        ["phone"] = ChannelKind.Phone,
        ["website"] = ChannelKind.Website,
    };

    private static readonly Dictionary<string, DayOfWeek> Days = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday,
        ["tue"] = DayOfWeek.Tuesday,
        ["wed"] = DayOfWeek.Wednesday,
        ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday,
        ["sat"] = DayOfWeek.Saturday,
        ["sun"] = DayOfWeek.Sunday,
    };

    /// <summary>Loads the pack in <paramref name="directory"/> or throws <see cref="ContentPackException"/> with every error.</summary>
    public static ContentPack Load(string directory)
    {
        var (pack, errors) = TryLoad(directory);
        return pack ?? throw new ContentPackException(errors);
    }

    /// <summary>Loads the pack; the pack is null exactly when there are errors.</summary>
    public static (ContentPack? Pack, IReadOnlyList<ContentError> Errors) TryLoad(string directory)
    {
        var errors = new List<ContentError>();
        var full = System.IO.Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            errors.Add(new ContentError(directory, 0, "(directory)", "the content directory does not exist"));
            return (null, errors);
        }

        var context = new LoadContext(full, errors);
        var agency = context.Read(AgencyFile, root => ReadAgency(root));
        var executives = context.Read(ExecutivesFile, root => root.Items("executives", f => context.Defined("executive", f, ReadExecutive(f), e => e.Id))) ?? [];
        var units = context.Read(StructureFile, root => root.Items("units", f => context.Defined("unit", f, ReadUnit(f), u => u.Id))) ?? [];
        var powers = context.Read(PowersFile, root => root.Items("powers", f => context.Defined("power", f, ReadPowerGroup(f), p => p.Id))) ?? [];
        var services = context.Read(ServicesFile, root => root.Items("services", f => ReadService(f, context))) ?? [];
        var faq = context.Read(FaqFile, root => root.Items("faq", f => ReadFaq(f, context))) ?? [];
        var news = context.Read(NewsFile, root => root.Items("news", f => context.Defined("news", f, ReadNews(f), n => n.Id))) ?? [];
        var categories = context.Read(ComplaintCategoriesFile, root => root.Items("categories", f => ReadCategory(f, context))) ?? [];
        var measures = context.Read(MeasuresFile, root => root.Items("measures", f => context.Defined("measure", f, ReadMeasure(f), m => m.Id))) ?? [];
        var privacy = context.Read(PrivacyFile, PrivacyNoticeReader.Read);

        context.CheckReferences();
        if (errors.Count > 0 || agency is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new ContentError(context.DisplayName(AgencyFile), 0, "(file)", "could not be read"));
            }

            return (null, errors);
        }

        return (new ContentPack(agency, executives, units, powers, services, faq, news, categories, measures, privacy), errors);
    }

    private static Agency ReadAgency(YamlFields f)
    {
        var name = f.Text("name", MaxLocationTextLength);
        var agency = new Agency(
            Name: name,
            ShortName: f.Text("short_name", 40),
            Sample: f.Bool("sample", false),
            Address: f.Child("address", ReadAddress) ?? new Address("", "", "", "", ""),
            Phones: f.Items("phones", p => new Phone(p.Text("label", 40), p.Phone("number"))),
            Fax: f.OptionalPhone("fax"),
            Email: f.Email("email"),
            OfficeHours: f.Child("office_hours", ReadOfficeHours) ?? new OfficeHours([], "", default, default, null, null, null),
            Location: f.Child("location", l => new GeoLocation(l.Double("latitude", -90, 90), l.Double("longitude", -180, 180)))
                ?? new GeoLocation(0, 0),
            Website: f.Https("website"),
            Facebook: f.OptionalHttps("facebook"),
            LineOaId: f.Text("line_oa_id", 40),
            FiscalYearNote: f.Text("fiscal_year_note"),
            IntegrityUnit: f.Child("integrity_unit", i => new IntegrityUnit(
                i.Text("name", 200), i.Phone("phone"), i.OptionalEmail("email"), i.OptionalText("note"))) ?? new IntegrityUnit("", "", null, null));

        if (agency.LineOaId.Length > 0 && !agency.LineOaId.StartsWith('@'))
        {
            f.Error(f.Node("line_oa_id"), "line_oa_id", $"\"{agency.LineOaId}\" must be the basic id starting with @ (e.g. @nonthong)");
        }

        if (agency.Address.Full.Length > MaxLocationTextLength && agency.Address.Line.Length > 0)
        {
            f.Error(f.Node("address"), "address",
                $"the full address is {agency.Address.Full.Length.ToString(CultureInfo.InvariantCulture)} characters; a LINE location message accepts at most {MaxLocationTextLength.ToString(CultureInfo.InvariantCulture)}");
        }

        return agency;
    }

    private static Address ReadAddress(YamlFields f) =>
        new(f.Text("line"), f.Text("subdistrict"), f.Text("district"), f.Text("province"), f.Text("postal_code"));

    private static OfficeHours ReadOfficeHours(YamlFields f)
    {
        var days = new List<DayOfWeek>();
        var daysNode = f.Node("days");
        foreach (var day in f.TextList("days", required: true))
        {
            if (Days.TryGetValue(day, out var value))
            {
                days.Add(value);
            }
            else
            {
                f.Error(daysNode, "days", $"\"{day}\" is not one of: {string.Join(", ", Days.Keys)}");
            }
        }

        var hours = new OfficeHours(days, f.Text("days_text"), f.Time("open"), f.Time("close"),
            f.OptionalTime("lunch_start"), f.OptionalTime("lunch_end"), f.OptionalText("note"));
        if (hours.Open >= hours.Close && hours.Close != default)
        {
            f.Error(f.Node("close"), "close", "must be later than open");
        }

        if (hours.LunchStart.HasValue != hours.LunchEnd.HasValue)
        {
            f.Error(f.Node(hours.LunchStart.HasValue ? "lunch_start" : "lunch_end"), hours.LunchStart.HasValue ? "lunch_end" : "lunch_start",
                "give both lunch_start and lunch_end, or neither");
        }
        else if (hours.LunchStart >= hours.LunchEnd)
        {
            f.Error(f.Node("lunch_end"), "lunch_end", "must be later than lunch_start");
        }

        return hours;
    }

    private static Executive ReadExecutive(YamlFields f) => new(
        Id: f.Id(),
        Name: f.Text("name", 100),
        Position: f.Text("position", 100),
        Group: f.Choice("group", Groups, ExecutiveGroup.Executive),
        PhotoUrl: f.Https("photo_url", 2000),
        Phone: f.OptionalPhone("phone"),
        Email: f.OptionalEmail("email"));

    private static Unit ReadUnit(YamlFields f) => new(
        Id: f.Id(),
        Name: f.Text("name", 100),
        Head: f.Text("head", 100),
        HeadPosition: f.Text("head_position", 100),
        Phone: f.Phone("phone"),
        Extension: f.OptionalText("extension", 10),
        Email: f.OptionalEmail("email"),
        Duties: f.TextList("duties", required: true));

    private static PowerGroup ReadPowerGroup(YamlFields f) =>
        new(f.Id(), f.Text("title", 200), f.Text("law", 300), f.TextList("items", required: true));

    private static Service ReadService(YamlFields f, LoadContext context)
    {
        var service = new Service(
            Id: f.Id(),
            Name: f.Text("name", 200),
            AlternativeNames: f.TextList("alternative_names", maxItemLength: MaxQuestionLength),
            UnitId: f.Text("unit"),
            Description: f.OptionalText("description", 1000),
            Steps: f.Items("steps", s => new ServiceStep(s.Text("step", 1000), s.Text("time", 100))),
            TotalTime: f.Text("total_time", 100),
            Channels: f.Items("channels", c => new ServiceChannel(c.Choice("kind", ChannelKinds, ChannelKind.Office), c.Text("detail", 300))),
            Fee: ReadFee(f),
            Documents: f.TextList("documents", required: true, maxItemLength: 500),
            Laws: f.TextList("laws", required: true, maxItemLength: 500),
            Tags: f.TextList("tags", maxItemLength: 100),
            Note: f.OptionalText("note", 1000));
        context.Define("service", service.Id, f);
        context.Refer("unit", service.UnitId, f, "unit");
        return service;
    }

    /// <summary>
    /// fee: exactly "ไม่มีค่าธรรมเนียม", or a number of baht, or {baht, covers}, or a list of {baht, covers}.
    /// </summary>
    private static ServiceFee ReadFee(YamlFields f)
    {
        const string Rule = $"must be a number of baht or \"{ServiceFee.NoFeeText}\" (or baht/covers pairs)";
        var node = f.Node("fee");
        switch (node)
        {
            case null:
                f.Error("fee", $"is required: {Rule}");
                return ServiceFee.None;
            case YamlScalarNode scalar:
                var text = scalar.Value?.Trim() ?? string.Empty;
                if (string.Equals(text, ServiceFee.NoFeeText, StringComparison.Ordinal))
                {
                    return ServiceFee.None;
                }

                if (TryBaht(text, out var baht))
                {
                    return new ServiceFee([new FeeItem(baht, "ค่าธรรมเนียม")]);
                }

                f.Error(node, "fee", Rule);
                return ServiceFee.None;
            case YamlMappingNode:
                return new ServiceFee([ReadFeeItem(f, node, "fee")]);
            case YamlSequenceNode sequence:
                if (sequence.Children.Count == 0)
                {
                    f.Error(node, "fee", Rule);
                }

                return new ServiceFee(sequence.Children
                    .Select((item, i) => ReadFeeItem(f, item, $"fee[{i.ToString(CultureInfo.InvariantCulture)}]"))
                    .ToList());
            default:
                f.Error(node, "fee", Rule);
                return ServiceFee.None;
        }
    }

    private static FeeItem ReadFeeItem(YamlFields parent, YamlNode node, string key)
    {
        var item = YamlFields.Of(parent.File, node, parent.PathOf(key), ContentFile.LineOf(node));
        if (item is null)
        {
            return new FeeItem(0, string.Empty);
        }

        var bahtNode = item.Node("baht");
        var bahtText = bahtNode is YamlScalarNode s ? s.Value?.Trim() ?? string.Empty : string.Empty;
        var covers = item.Text("covers", 300);
        item.ReportUnknown();
        if (!TryBaht(bahtText, out var baht))
        {
            parent.Error(bahtNode ?? node, $"{key}.baht", $"must be a number of baht (0 or more), or write fee: \"{ServiceFee.NoFeeText}\"");
        }

        return new FeeItem(baht, covers);
    }

    private static bool TryBaht(string text, out decimal baht) =>
        decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out baht)
        && baht >= 0;

    private static FaqEntry ReadFaq(YamlFields f, LoadContext context)
    {
        var entry = new FaqEntry(
            Id: f.Id(),
            Question: f.Text("question", MaxQuestionLength),
            Alternatives: f.TextList("alternatives", maxItemLength: MaxQuestionLength),
            Answer: f.Text("answer", MaxAnswerLength),
            ServiceId: f.OptionalText("service"),
            Template: f.OptionalText("template", 64),
            Related: f.TextList("related"),
            Tags: f.TextList("tags", maxItemLength: 100));
        context.Define("faq", entry.Id, f);
        if (entry.ServiceId is not null)
        {
            context.Refer("service", entry.ServiceId, f, "service");
        }

        var relatedNode = f.Node("related");
        for (var i = 0; i < entry.Related.Count; i++)
        {
            var field = $"related[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (string.Equals(entry.Related[i], entry.Id, StringComparison.Ordinal))
            {
                f.Error(relatedNode, field, "an entry cannot be related to itself");
            }
            else
            {
                context.Refer("faq", entry.Related[i], f, field, relatedNode is YamlSequenceNode seq && i < seq.Children.Count ? seq.Children[i] : relatedNode);
            }
        }

        return entry;
    }

    private static NewsItem ReadNews(YamlFields f) => new(
        Id: f.Id(),
        Title: f.Text("title", 200),
        Date: f.Date("date"),
        Summary: f.Text("summary", 2000),
        ImageUrl: f.Https("image_url", 2000),
        Url: f.Https("url"));

    private static ComplaintCategory ReadCategory(YamlFields f, LoadContext context)
    {
        var category = new ComplaintCategory(
            Id: f.Id(),
            Name: f.Text("name", 100),
            Department: f.Text("department"),
            AcknowledgeWorkingDays: f.Int("acknowledge_working_days", 1, 1, 30),
            AnswerWorkingDays: f.Int("answer_working_days", 15, 1, 250),
            Service: f.OptionalText("service", 100),
            Description: f.OptionalText("description", 500),
            Keywords: f.TextList("keywords", maxItemLength: 100));
        if (category.AnswerWorkingDays < category.AcknowledgeWorkingDays)
        {
            f.Error(f.Node("answer_working_days"), "answer_working_days", "must not be shorter than acknowledge_working_days");
        }

        context.Define("category", category.Id, f);
        context.Refer("unit", category.Department, f, "department");
        if (category.Service is not null)
        {
            context.Refer("service", category.Service, f, "service");
        }
        return category;
    }

    private static Measure ReadMeasure(YamlFields f)
    {
        var measure = new Measure(
            Id: f.Id(),
            Title: f.Text("measure", 500),
            Activity: f.Text("activity", 1000),
            Steps: f.TextList("steps", required: true),
            Period: f.Text("period", 200),
            Responsible: f.Text("responsible", 200),
            Output: f.OptionalText("output", 2000),
            Outcome: f.OptionalText("outcome", 2000));
        foreach (var (key, text) in new[] { ("output", measure.Output), ("outcome", measure.Outcome) })
        {
            // An unknown name would print as a code word in a document the ITA reads.
            foreach (System.Text.RegularExpressions.Match m in MeasureText.Placeholder().Matches(text ?? string.Empty))
            {
                if (!MeasureText.Placeholders.Contains(m.Groups[1].Value))
                {
                    f.Error(f.Node(key), key, $"unknown figure {m.Value} (known: {string.Join(", ", MeasureText.Placeholders.Order(StringComparer.Ordinal))})");
                }
            }
        }

        return measure;
    }

    /// <summary>State shared across files: ids defined and references to check once everything is read.</summary>
    private sealed class LoadContext(string directory, List<ContentError> errors)
    {
        private readonly Dictionary<(string Kind, string Id), (ContentFile File, int Line)> _defined = [];
        private readonly List<(string Kind, string Id, ContentFile File, int Line, string Field)> _references = [];

        public string DisplayName(string file) => $"{System.IO.Path.GetFileName(directory)}/{file}";

        /// <summary>Parses one file and reads its root mapping; null (with errors) when it cannot be read at all.</summary>
        public T? Read<T>(string fileName, Func<YamlFields, T> read)
            where T : class
        {
            var file = new ContentFile(DisplayName(fileName), errors);
            var path = System.IO.Path.Combine(directory, fileName);
            if (!System.IO.File.Exists(path))
            {
                file.Error(0, "(file)", "the file is missing");
                return null;
            }

            YamlStream stream = [];
            using (var reader = new StreamReader(path, System.Text.Encoding.UTF8))
            {
                var parser = new Parser(reader);
                try
                {
                    stream.Load(parser);
                }
                catch (YamlException ex)
                {
                    file.Error(checked((int)ex.Start.Line), "(yaml)", $"not valid YAML: {PlainMessage(ex)}");
                    return null;
                }
                catch (InvalidOperationException)
                {
                    // YamlDotNet's scanner can fail this way on some unterminated flow collections; the parser still
                    // knows the last event it read, which is where the editor should look.
                    var line = parser.Current is { } last ? checked((int)last.End.Line) : 0;
                    file.Error(line, "(yaml)", "not valid YAML: an unclosed [ or { or quote near here");
                    return null;
                }
            }

            if (stream.Documents.Count == 0)
            {
                file.Error(0, "(file)", "the file is empty");
                return null;
            }

            var root = YamlFields.Of(file, stream.Documents[0].RootNode, string.Empty, 1);
            if (root is null)
            {
                return null;
            }

            var value = read(root);
            root.ReportUnknown();
            return value;
        }

        public void Define(string kind, string id, YamlFields f)
        {
            if (id.Length == 0)
            {
                return;
            }

            var line = f.Node("id") is { } node ? ContentFile.LineOf(node) : f.Line;
            if (_defined.TryGetValue((kind, id), out var first))
            {
                f.File.Error(line, f.PathOf("id"),
                    $"duplicate id \"{id}\" (first used at line {first.Line.ToString(CultureInfo.InvariantCulture)})");
                return;
            }

            _defined[(kind, id)] = (f.File, line);
        }

        public T Defined<T>(string kind, YamlFields f, T value, Func<T, string> id)
        {
            Define(kind, id(value), f);
            return value;
        }

        public void Refer(string kind, string id, YamlFields f, string field, YamlNode? node = null)
        {
            if (id.Length == 0)
            {
                return;
            }

            node ??= f.Node(field.Split('[')[0]);
            _references.Add((kind, id, f.File, node is null ? f.Line : ContentFile.LineOf(node), f.PathOf(field)));
        }

        public void CheckReferences()
        {
            foreach (var (kind, id, file, line, field) in _references)
            {
                if (!_defined.ContainsKey((kind, id)))
                {
                    var known = _defined.Keys.Where(k => string.Equals(k.Kind, kind, StringComparison.Ordinal)).Select(k => k.Id).Take(12).ToList();
                    var where = kind switch
                    {
                        "unit" => StructureFile,
                        "service" => ServicesFile,
                        "faq" => FaqFile,
                        _ => kind,
                    };
                    file.Error(line, field, known.Count == 0
                        ? $"refers to {kind} \"{id}\", but {where} defines none"
                        : $"refers to {kind} \"{id}\", which {where} does not define (known: {string.Join(", ", known)}{(known.Count == 12 ? ", …" : string.Empty)})");
                }
            }
        }

        private static string PlainMessage(YamlException ex)
        {
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the line is reported separately.
            var message = ex.Message;
            var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            return cut >= 0 ? message[(cut + 3)..] : message;
        }
    }
}
