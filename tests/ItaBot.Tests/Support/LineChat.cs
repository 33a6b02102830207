using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Line.Testing;
using ItaBot.Simulator;

namespace ItaBot.Tests.Support;

/// <summary>
/// A conversation driver: send one event as a citizen, get the bot's reply, and read the messages as the citizen sees
/// them. With a <paramref name="clock"/>, events are stamped by it, so a test that moves the clock still gets replies.
/// With an <paramref name="agency"/>, the citizen writes to that agency's channel (its webhook, signed with its <paramref name="secret"/>).
/// </summary>
internal sealed partial class LineChat(ServiceHost host, LineStandIn line, string? user = null, TimeProvider? clock = null, string? agency = null, string? secret = null)
{
    public string User { get; } = user ?? Events.NewUserId();

    /// <summary>Every answer of this chat, oldest first.</summary>
    public List<JsonArray> Answers { get; } = [];

    public Task<JsonArray> SayAsync(string text) => SendAsync(Events.Text(User, text));

    public Task<JsonArray> TapAsync(string postbackData) => SendAsync(Events.Postback(User, postbackData));

    public async Task<JsonArray> SendAsync(JsonObject e)
    {
        if (clock is not null)
        {
            e["timestamp"] = clock.GetUtcNow().ToUnixTimeMilliseconds();
        }

        var before = line.Sends.Count;
        await host.PostWebhookAsync(Events.Body(e), path: agency is null ? "/webhook" : "/webhook/" + agency, secret: secret);
        await line.WaitUntilAsync(l => l.Sends.Skip(before).Any(IsAnswer), TimeSpan.FromSeconds(15));
        var answer = JsonNode.Parse(line.Sends.Skip(before).First(IsAnswer).MessagesJson)!.AsArray();
        if (clock is not null)
        {
            // The stand-in records the reply before its HTTP answer reaches the service; a test that moves a fake clock
            // right after would fire the LINE client's timeouts (they run on the same clock) while that answer is on its way.
            await host.AnswersSentAsync();
        }

        Answers.Add(answer);
        return answer;
    }

    public static JsonObject SharedLocation(string user, double latitude, double longitude, string? title, string? address) => Events.Event("message", user, null, null, null,
        ("message", new JsonObject { ["id"] = Events.NewId(), ["type"] = "location", ["title"] = title, ["address"] = address, ["latitude"] = latitude, ["longitude"] = longitude }));

    public static JsonObject Image(string user, string messageId) => Events.Event("message", user, null, null, null,
        ("message", new JsonObject { ["id"] = messageId, ["type"] = "image", ["contentProvider"] = new JsonObject { ["type"] = "line" } }));

    /// <summary>Texts and alternative texts of the messages.</summary>
    public static string Text(JsonArray messages) =>
        string.Join("\n", messages.Select(m => m!["text"]?.GetValue<string>() ?? m["altText"]?.GetValue<string>()).OfType<string>());

    /// <summary>The texts of the text messages only (a Flex message's alternative text left out), one after another by lines.</summary>
    public static string TextMessages(JsonArray messages) =>
        string.Join("\n", messages.Select(m => m!["text"]?.GetValue<string>()).OfType<string>());

    /// <summary>The same of messages LINE was sent (a push's or a reply's JSON).</summary>
    public static string TextMessages(string messagesJson) => TextMessages(JsonNode.Parse(messagesJson)!.AsArray());

    /// <summary>The messages as JSON with Thai unescaped: every word of them, Flex contents included.</summary>
    public static string Everything(JsonArray messages) => messages.ToJsonString(Unescaped);

    /// <summary>Each message's text ("" for a message without one), in order.</summary>
    public static List<string> Texts(JsonArray messages) => [.. messages.Select(m => m!["text"]?.GetValue<string>() ?? string.Empty)];

    /// <summary>The messages' types (text, flex, location…), in order.</summary>
    public static List<string> Types(JsonArray messages) => [.. messages.Select(m => m!["type"]!.GetValue<string>())];

    /// <summary>The action types of the last message's quick-reply buttons (postback, camera, location…).</summary>
    public static List<string> QuickReplyTypes(JsonArray messages) => [.. QuickReplyItems(messages).Select(a => a["type"]!.GetValue<string>())];

    public static List<string> QuickReplyData(JsonArray messages) =>
        [.. QuickReplyItems(messages).Select(a => a["data"]?.GetValue<string>()).OfType<string>()];

    public static List<string> QuickReplyLabels(JsonArray messages) =>
        [.. QuickReplyItems(messages).Select(a => a["label"]?.GetValue<string>()).OfType<string>()];

    /// <summary>
    /// The words a message tells the citizen to press (กด "ต่อไป", or กด "ส่ง" เพื่อ… หรือ "แก้ไข") that no button of the
    /// message carries. Quoted words after "พิมพ์" are things to type, not buttons.
    /// </summary>
    public static List<string> PressedWordsWithoutButton(JsonArray messages)
    {
        var labels = QuickReplyLabels(messages)
            .Concat(messages.SelectMany(m => Buttons(m!["contents"])))
            .ToList();
        var missing = new List<string>();
        foreach (var text in messages.Select(m => m!["text"]?.GetValue<string>()).OfType<string>())
        {
            foreach (Match press in PressPhrase().Matches(text))
            {
                foreach (Match quoted in Quoted().Matches(press.Value))
                {
                    var word = quoted.Groups[1].Value;
                    if (!labels.Any(l => l.Contains(word, StringComparison.Ordinal)))
                    {
                        missing.Add($"\"{word}\" in: {text}");
                    }
                }
            }
        }

        return missing;
    }

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsAnswer(StandInSend send) => send.Kind == "reply";

    private static IEnumerable<JsonObject> QuickReplyItems(JsonArray messages) =>
        messages.Count == 0 || messages[^1]!["quickReply"]?["items"] is not JsonArray items ? [] : items.Select(i => i!["action"]!.AsObject());

    private static IEnumerable<string> Buttons(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() == "button" && o["action"]?["label"]?.GetValue<string>() is { } label => [label],
        JsonObject o => o.SelectMany(p => Buttons(p.Value)),
        JsonArray a => a.SelectMany(Buttons),
        _ => [],
    };

    /// <summary>From "กด" up to the next "พิมพ์", line end or the end of the text.</summary>
    [GeneratedRegex("กด[^\\n]*?(?=พิมพ์|\\n|$)")]
    private static partial Regex PressPhrase();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();
}
