using System.Text.Json.Nodes;
using ItaBot.Content;
using Microsoft.Extensions.Options;

namespace ItaBot.Privacy;

/// <summary>
/// The one short sentence with the link to /privacy that the bot says before it collects anything (PDPA section 23):
/// at first contact, and in an intake before it asks for a photo, a place or a phone number.
/// </summary>
internal sealed class PrivacyLink(ContentPackProvider content, IOptions<PrivacyOptions> options)
{
    public const string Path = "/privacy";
    private const string ShownKey = "privacyNoticeShown";
    private const string Fallback = "เทศบาลเก็บข้อมูลเท่าที่จำเป็นเพื่อดำเนินการเรื่องของท่าน อ่านรายละเอียดและสิทธิของท่านได้ที่";

    public string Url => new Uri(options.Value.PublicBaseUrl, Path).ToString();

    public string Sentence => $"🔒 {content.Current.Privacy?.Short ?? Fallback} {Url}";

    /// <summary>
    /// The hook an intake calls before its first question for a photo, a place or a phone number: the sentence and a
    /// blank line the first time in this flow (marked in the flow's <paramref name="state"/>), nothing after.
    /// </summary>
    public string BeforePersonalData(JsonObject state)
    {
        if (state[ShownKey] is not null)
        {
            return string.Empty;
        }

        state[ShownKey] = true;
        return Sentence + "\n\n";
    }
}
