using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Dialogs;
using ItaBot.Dialogs.Prompts;
using ItaBot.Dialogs.Turns;
using ItaBot.Flex;

namespace ItaBot.Information;

/// <summary>
/// What the agency tells every citizen (measures 3.1, 4.2, 4.4, 4.5): contact card and map pin, the executives,
/// the news, and the service manual browsed by unit. Every answer ends with quick replies onward and "เมนู".
/// </summary>
internal sealed class InformationDialogs(ContentPackProvider content) : IDialogFeature
{
    public const string ContactId = "contact";
    public const string ServicesId = "services";
    public const string NewsId = "news";
    public const string ExecutivesId = "executives";

    public void Register(DialogManager manager)
    {
        manager.Dialogs.Add(new ContactDialog(content));
        manager.Dialogs.Add(new ExecutivesDialog(content));
        manager.Dialogs.Add(new NewsDialog(content));
        manager.Dialogs.Add(new ServicesDialog(content));
        manager.Interruptions.Add(new InformationPostbacks());
    }

    /// <summary>A view that answers once and ends.</summary>
    private abstract class OneShotDialog(string id, ContentPackProvider content) : Dialog(id)
    {
        public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
        {
            foreach (var reply in Replies(content.Current))
            {
                await dc.Context.SendAsync(reply, cancellationToken).ConfigureAwait(false);
            }

            return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        protected abstract IEnumerable<Reply> Replies(ContentPack pack);
    }

    private sealed class ContactDialog(ContentPackProvider content) : OneShotDialog(ContactId, content)
    {
        protected override IEnumerable<Reply> Replies(ContentPack pack)
        {
            var agency = pack.Agency;
            var phones = string.Join("\n", agency.Phones.Select(p => $"• {p.Label} {p.Number}"));
            yield return new Reply
            {
                Text = $"ติดต่อ{agency.Name}\n{agency.Address.Full}\n{agency.OfficeHours.DaysText}\n{phones}\nอีเมล {agency.Email}\n{agency.Website.AbsoluteUri}",
                Card = new JsonObject { ["template"] = FlexTemplates.ContactCard },
            };
            yield return new Reply
            {
                Location = new Dialogs.Turns.GeoLocation(agency.Location.Latitude, agency.Location.Longitude, agency.Name, agency.Address.Full),
                Choices = [InformationRoutes.Services, InformationRoutes.Executives, InformationRoutes.News, InformationRoutes.Menu],
            };
        }
    }

    private sealed class ExecutivesDialog(ContentPackProvider content) : OneShotDialog(ExecutivesId, content)
    {
        protected override IEnumerable<Reply> Replies(ContentPack pack)
        {
            Choice[] onward = [InformationRoutes.Contact, InformationRoutes.Services, InformationRoutes.Menu];
            if (pack.Executives.Count == 0)
            {
                yield return Reply.FromText("ขออภัยค่ะ ยังไม่มีข้อมูลผู้บริหารในระบบ ติดต่อสำนักงานเพื่อสอบถามได้ค่ะ", onward);
                yield break;
            }

            var names = string.Join("\n", pack.Executives.Select(e => $"• {e.Name} {e.Position}"));
            yield return new Reply
            {
                Text = $"ผู้บริหาร{pack.Agency.Name}\n{names}",
                Card = new JsonObject { ["template"] = FlexTemplates.ExecutiveCards },
                Choices = onward,
            };
        }
    }

    private sealed class NewsDialog(ContentPackProvider content) : OneShotDialog(NewsId, content)
    {
        protected override IEnumerable<Reply> Replies(ContentPack pack)
        {
            Choice[] onward = [InformationRoutes.Services, InformationRoutes.Contact, InformationRoutes.Questions, InformationRoutes.Menu];
            if (pack.News.Count == 0)
            {
                yield return Reply.FromText("ยังไม่มีข่าวประชาสัมพันธ์ใหม่ค่ะ ติดตามได้ที่เว็บไซต์ " + pack.Agency.Website.AbsoluteUri, onward);
                yield break;
            }

            var titles = string.Join("\n", pack.News.OrderByDescending(n => n.Date).Take(FlexTemplates.MaxBubbles)
                .Select(n => $"• {ThaiDates.Short(n.Date)} {n.Title}"));
            yield return new Reply
            {
                Text = $"ข่าวประชาสัมพันธ์{pack.Agency.Name}\n{titles}",
                Card = new JsonObject { ["template"] = FlexTemplates.NewsCarousel },
                Choices = onward,
            };
        }
    }

    /// <summary>
    /// The service manual: units → services of a unit → the service card. The lists wait for an answer, so a typed
    /// number or name works as well as a tap; anything else typed is a question for the Q&amp;A ("พิมพ์ชื่อบริการ").
    /// </summary>
    private sealed class ServicesDialog(ContentPackProvider content) : Dialog(ServicesId)
    {
        private const string ChoicesKey = "choices";
        private const int MaxServiceQuickReplies = 10;

        public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
        {
            var pack = content.Current;
            var o = options as JsonObject;
            if (o?["service"]?.GetValue<string>() is { } serviceId && pack.FindService(serviceId) is { } service)
            {
                await dc.Context.SendAsync(ServiceReply(pack, service), cancellationToken).ConfigureAwait(false);
                return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var (reply, choices) = o?["unit"]?.GetValue<string>() is { } unitId && pack.FindUnit(unitId) is { } unit && ServicesOf(pack, unit.Id).Count > 0
                ? UnitReply(pack, unit)
                : UnitsReply(pack);
            dc.ActiveDialog!.State[ChoicesKey] = JsonSerializer.SerializeToNode(choices, JsonSerializerOptions.Web);
            await dc.Context.SendAsync(reply, cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
        {
            var activity = dc.Context.Activity;
            var choices = dc.ActiveDialog!.State[ChoicesKey]?.Deserialize<List<Choice>>(JsonSerializerOptions.Web) ?? [];
            if (ChoiceRecognizer.Recognize(activity, choices) is { } found
                && await InformationRoutes.TryOpenAsync(dc, found.Value, cancellationToken).ConfigureAwait(false) is { } opened)
            {
                return opened;
            }

            if (activity.Kind == ActivityKind.Message && !string.IsNullOrWhiteSpace(activity.Text))
            {
                // A service typed by name: the Q&A slice matches it against the whole content pack.
                if (dc.FindDialog(MainDialog.QuestionDialogId) is not null)
                {
                    return await dc.ReplaceDialogAsync(MainDialog.QuestionDialogId, activity.Text, cancellationToken).ConfigureAwait(false);
                }

                if (FindByName(content.Current, activity.Text) is { } service)
                {
                    await dc.Context.SendAsync(ServiceReply(content.Current, service), cancellationToken).ConfigureAwait(false);
                    return await dc.EndDialogAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }

            await dc.Context.SendAsync(
                Reply.FromText("ขออภัยค่ะ ไม่พบบริการนี้ เลือกจากรายการ พิมพ์หมายเลข หรือพิมพ์ชื่อบริการอีกครั้งได้เลยค่ะ", [.. choices.TakeLast(3)]),
                cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        private static (Reply Reply, List<Choice> Choices) UnitsReply(ContentPack pack)
        {
            var units = pack.Units.Select(u => (Unit: u, Count: ServicesOf(pack, u.Id).Count)).Where(u => u.Count > 0).ToList();
            var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"คู่มือสำหรับประชาชน {pack.Services.Count} บริการ\nเลือกหน่วยงาน หรือพิมพ์ชื่อบริการที่ต้องการได้เลยค่ะ เช่น \"แจ้งเกิด\""));
            for (var i = 0; i < units.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. {units[i].Unit.Name} ({units[i].Count})");
            }

            List<Choice> choices = [.. units.Select(u => new Choice(u.Unit.Name, FlexCardModels.UnitPostback(u.Unit.Id))), InformationRoutes.Contact, InformationRoutes.Menu];
            return (Reply.FromText(text.ToString(), choices), choices);
        }

        private static (Reply Reply, List<Choice> Choices) UnitReply(ContentPack pack, Unit unit)
        {
            var services = ServicesOf(pack, unit.Id);
            var all = services.Select(s => new Choice(s.Name, FlexCardModels.ServicePostback(s.Id), s.AlternativeNames)).ToList();
            Choice[] navigation = [new("หน่วยงานอื่น", "info=services", ["ย้อนกลับ", "กลับ"]), InformationRoutes.Menu];
            var names = string.Join("\n", services.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {s.Name}")));
            var reply = new Reply
            {
                Text = $"บริการของ{unit.Name}\n{names}",
                Card = new JsonObject { ["template"] = FlexTemplates.ServiceList, ["unitId"] = unit.Id },
                Choices = [.. all.Take(MaxServiceQuickReplies), .. navigation],
            };
            return (reply, [.. all, .. navigation]);
        }

        private static Reply ServiceReply(ContentPack pack, Service service)
        {
            var unit = pack.FindUnit(service.UnitId);
            var steps = string.Join("\n", service.Steps.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {s.Description} ({s.Time})")));
            var text = $"{service.Name}\nขั้นตอน:\n{steps}\nรวม {service.TotalTime}\nค่าธรรมเนียม: {service.Fee}\nเอกสาร: {string.Join(", ", service.Documents)}\nติดต่อ {unit?.Name ?? pack.Agency.Name}";
            List<Choice> onward = [];
            if (unit is not null && ServicesOf(pack, unit.Id).Count > 1)
            {
                onward.Add(new Choice("บริการอื่นในหน่วยงาน", FlexCardModels.UnitPostback(unit.Id)));
            }

            onward.AddRange([new Choice("หน่วยงานอื่น", "info=services"), InformationRoutes.Contact, InformationRoutes.Menu]);
            return new Reply
            {
                Text = text,
                Card = new JsonObject { ["template"] = FlexTemplates.ServiceCard, ["serviceId"] = service.Id },
                Choices = onward,
            };
        }

        private static List<Service> ServicesOf(ContentPack pack, string unitId) =>
            [.. pack.Services.Where(s => string.Equals(s.UnitId, unitId, StringComparison.Ordinal))];

        /// <summary>Without the Q&amp;A slice: a service whose name or other name is in the text, if exactly one.</summary>
        private static Service? FindByName(ContentPack pack, string text)
        {
            var answer = ThaiText.NormalizeAnswer(text);
            var matches = pack.Services.Where(s => new[] { s.Name }.Concat(s.AlternativeNames)
                .Select(ThaiText.NormalizeAnswer)
                .Any(n => n.Length >= 3 && (answer.Contains(n, StringComparison.Ordinal) || n.Contains(answer, StringComparison.Ordinal) && answer.Length >= 3))).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }
    }
}
