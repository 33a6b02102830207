using System.ComponentModel.DataAnnotations;

namespace ItaBot.Privacy;

/// <summary>ItaBot:Privacy — where the public pages are, the data-subject request deadline, and the retention of each kind of record.</summary>
internal sealed class PrivacyOptions
{
    public const string Section = "ItaBot:Privacy";

    /// <summary>The address citizens reach this service at (the /privacy link in LINE and the one-time copy links).</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:5000");

    /// <summary>The short notice with the link before the first answer of every new conversation (and in the welcome).</summary>
    public bool NoticeAtFirstContact { get; set; } = true;

    /// <summary>How long a one-time link to a citizen's copy of their data works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan CopyLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Days staff have to decide a request (PDPA section 30: 30 days).</summary>
    [Range(1, 30)]
    public int RequestDeadlineDays { get; set; } = 30;

    /// <summary>Days before the deadline when admins are reminded of an undecided request.</summary>
    [Range(0, 30)]
    public int RequestReminderDays { get; set; } = 3;

    public RetentionOptions Retention { get; set; } = new();
}

/// <summary>
/// Days each kind of record keeps its personal data (ItaBot:Privacy:Retention:*). Conversations (inbox, sends, dialog
/// state) follow ItaBot:Storage:RetentionDays. privacy.yaml states the same periods to citizens; start-up warns when not.
/// </summary>
internal sealed class RetentionOptions
{
    /// <summary>After a case closes: name, phone, LINE id, description, place and notes are removed; the statistics stay.</summary>
    [Range(1, 36500)]
    public int CaseDays { get; set; } = 730;

    /// <summary>After a case closes: its photos are deleted.</summary>
    [Range(1, 36500)]
    public int PhotoDays { get; set; } = 365;

    /// <summary>Questions typed to the bot lose their text (the counts for Q&amp;A statistics stay).</summary>
    [Range(1, 36500)]
    public int QaLogDays { get; set; } = 180;

    /// <summary>Questions handed to staff, with the answer and the asker's LINE id.</summary>
    [Range(1, 36500)]
    public int HandoverDays { get; set; } = 365;

    /// <summary>Sent LINE notifications (they carry the recipient and the text).</summary>
    [Range(1, 36500)]
    public int NotificationDays { get; set; } = 90;

    /// <summary>The access audit: which staff member viewed or exported what.</summary>
    [Range(1, 36500)]
    public int StaffAuditDays { get; set; } = 730;

    /// <summary>Data-subject requests and their decisions.</summary>
    [Range(1, 36500)]
    public int PrivacyRequestDays { get; set; } = 1825;
}
