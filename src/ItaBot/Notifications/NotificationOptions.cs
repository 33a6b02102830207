using System.ComponentModel.DataAnnotations;

namespace ItaBot.Notifications;

/// <summary>Staff and citizen notifications (<c>ItaBot:Notifications</c>).</summary>
internal sealed class NotificationOptions
{
    public const string Section = "ItaBot:Notifications";

    /// <summary>A LINE group of the agency's staff that receives a copy of every staff notification; none when empty.</summary>
    public string? StaffGroupId { get; set; }

    /// <summary>
    /// Link to a case in the staff pages, with <c>{0}</c> for the case id (e.g. <c>https://itabot.example.go.th/staff/cases/{0}</c>);
    /// staff notifications carry it when set.
    /// </summary>
    public string? StaffCaseUrl { get; set; }

    /// <summary>The department (a unit id of structure.yaml) whose linked staff hear of questions the bot handed over.</summary>
    public string HandoverDepartment { get; set; } = "palad";

    /// <summary>
    /// How long a staff answer to a citizen's question waits for the citizen to write again before it is pushed: if they do,
    /// it goes out free with the bot's reply. 0 pushes it at once. Whenever it has not gone yet (held at the monthly limit,
    /// waiting for a retry), the citizen's next message carries it anyway.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HandoverAnswerWait { get; set; } = TimeSpan.Zero;

    /// <summary>Attempts for a notification LINE refuses (4xx other than 409 and 429, e.g. a blocked bot) before it is parked.</summary>
    [Range(1, 100)]
    public int MaxRefusedAttempts { get; set; } = 5;

    /// <summary>First wait before a failed push is tried again; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long before the acknowledge deadline the officer is reminded.</summary>
    public TimeSpan AcknowledgeReminder { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long before the answer deadline the officer is reminded.</summary>
    public TimeSpan AnswerReminder { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Hangfire workers (deliveries run in parallel up to this).</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 4;

    /// <summary>How often Hangfire looks for scheduled retries that became due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(2);
}
