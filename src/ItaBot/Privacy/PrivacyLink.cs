using System.Globalization;
using System.Text.Json.Nodes;
using ItaBot.Agencies;
using ItaBot.Content;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>
/// The one short sentence with the link to /privacy that the bot says before it collects anything (PDPA section 23):
/// at first contact, and in an intake before it asks for a photo, a place or a phone number.
/// </summary>
internal sealed class PrivacyLink(ContentPackProvider content, IOptions<PrivacyOptions> options, TimeProvider time)
{
    public const string Path = "/privacy";
    private const string ShownKey = "privacyNoticeShown";

    /// <summary>When the conversation was last shown the sentence (its state's conversation bag).</summary>
    private const string ShownAtKey = "privacySentenceAt";
    private const string Fallback = "เทศบาลเก็บข้อมูลเท่าที่จำเป็นเพื่อดำเนินการเรื่องของท่าน อ่านรายละเอียดและสิทธิของท่านได้ที่";

    /// <summary>Shown this recently, the sentence is not repeated before personal data: the citizen has just read it.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromHours(1);

    public string Url => new Uri(options.Value.PublicBaseUrl, AgencyPages.Path(Path)).ToString();

    public string Sentence => $"🔒 {content.Current.Privacy?.Short ?? Fallback} {Url}";

    /// <summary>The sentence, noted in the <paramref name="conversation"/>'s state as shown now.</summary>
    public string Show(JsonObject conversation)
    {
        conversation[ShownAtKey] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return Sentence;
    }

    /// <summary>
    /// The hook an intake calls before its first question for a photo, a place or a phone number: the sentence and a
    /// blank line the first time in this flow (marked in the flow's <paramref name="state"/>), nothing after, and nothing
    /// when the <paramref name="conversation"/> was shown it within the hour (a new friend's welcome has just carried it).
    /// </summary>
    public string BeforePersonalData(JsonObject conversation, JsonObject state)
    {
        if (state[ShownKey] is not null)
        {
            return string.Empty;
        }

        state[ShownKey] = true;
        if (conversation[ShownAtKey]?.GetValue<string>() is { } at
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var shown)
            && time.GetUtcNow() - shown < Fresh)
        {
            return string.Empty;
        }

        return Show(conversation) + "\n\n";
    }
}
