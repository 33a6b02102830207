namespace ItaBot.Content;

/// <summary>
/// privacy.yaml: the agency's privacy notice (PDPA section 23), versioned with the date it took effect. The full text is
/// the public page /privacy; <see cref="Short"/> is the sentence the bot says, with the link, before it collects anything.
/// </summary>
internal sealed record PrivacyNotice(
    string Version,
    DateOnly Effective,
    string Controller,
    DpoContact Dpo,
    string Short,
    string Summary,
    IReadOnlyList<PrivacyPurpose> Purposes,
    IReadOnlyList<RetentionText> Retention,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<PrivacyRight> Rights,
    string Refusals,
    string Whistleblowers,
    IReadOnlyList<string> Security)
{
    public RetentionText? RetentionOf(string kind) => Retention.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
}

internal sealed record DpoContact(string Name, string Phone, string Email, string? Address);

/// <summary>One kind of data, why it is kept and on what legal basis (PDPA sections 19, 24).</summary>
internal sealed record PrivacyPurpose(string Data, string Purpose, string Basis);

/// <summary>How long one kind of record is kept, in days (checked against the settings) and in the agency's words.</summary>
internal sealed record RetentionText(string Kind, int Days, string Text);

internal sealed record PrivacyRight(string Name, string Section, string How);

internal static class PrivacyNoticeReader
{
    /// <summary>The kinds of record the service keeps and purges (Privacy/RetentionOptions); the notice must name each.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["conversations", "cases", "photos", "qa_log", "handovers", "notifications", "staff_audit", "privacy_requests"];

    public static PrivacyNotice Read(YamlFields f)
    {
        var notice = new PrivacyNotice(
            Version: f.Text("version", 20),
            Effective: f.Date("effective"),
            Controller: f.Text("controller", 200),
            Dpo: f.Child("dpo", d => new DpoContact(d.Text("name", 200), d.Phone("phone"), d.Email("email"), d.OptionalText("address", 300)))
                ?? new DpoContact("", "", "", null),
            Short: f.Text("short", 300),
            Summary: f.Text("summary", 2000),
            Purposes: f.Items("purposes", p => new PrivacyPurpose(p.Text("data", 300), p.Text("purpose", 500), p.Text("basis", 300))),
            Retention: f.Items("retention", r => new RetentionText(r.Id("kind"), r.Int("days", 0, 1, 36500), r.Text("text", 500))),
            Recipients: f.TextList("recipients", required: true, maxItemLength: 300),
            Rights: f.Items("rights", r => new PrivacyRight(r.Text("name", 200), r.Text("section", 100), r.Text("how", 500))),
            Refusals: f.Text("refusals", 1000),
            Whistleblowers: f.Text("whistleblowers", 1000),
            Security: f.TextList("security", required: true, maxItemLength: 500));

        foreach (var kind in Kinds.Where(k => notice.RetentionOf(k) is null))
        {
            f.Error(f.Node("retention"), "retention", $"names no period for \"{kind}\" (every kind of record the service keeps: {string.Join(", ", Kinds)})");
        }

        foreach (var unknown in notice.Retention.Where(r => !Kinds.Contains(r.Kind, StringComparer.Ordinal)))
        {
            f.Error(f.Node("retention"), "retention", $"\"{unknown.Kind}\" is not a kind of record the service keeps ({string.Join(", ", Kinds)})");
        }

        return notice;
    }
}
