using System.Globalization;
using ItaBot.Cases;
using ItaBot.Conversations;
using ItaBot.Notifications;
using ItaBot.Privacy;
using ItaBot.QandA;
using ItaBot.Reports;
using ItaBot.Staff;

namespace ItaBot.Migration;

/// <summary>One agency's stores, by their interfaces: the same on LiteDB (the source) and PostgreSQL (the target).</summary>
internal sealed record AgencyStores(
    ICaseStore Cases,
    IStaffStore Staff,
    INotificationStore Notifications,
    IQaStore Qa,
    IReportSnapshotStore Snapshots,
    IServiceVisitStore Visits,
    IPrivacyStore Privacy,
    IConversationStateStore Conversations,
    Func<int> ConversationsWithState);

/// <summary>What one agency holds, store by store, counted through the stores' own reads (so a count means the same on both engines).</summary>
internal static class AgencyCounts
{
    public static IReadOnlyList<(string Store, long Count)> Of(AgencyStores s, IReadOnlyList<int> fiscalYears)
    {
        var census = s.Cases.Census();
        var qa = s.Qa.Count();
        var privacy = s.Privacy.Count();
        var counts = new List<(string, long)>
        {
            ("cases", census.Cases),
            ("case photos", census.Photos),
            ("cases with personal data", census.WithPersonalData),
            ("staff accounts", s.Staff.List().Count),
            ("departments", s.Staff.ListDepartments().Count),
            ("notifications", s.Notifications.CountByState().Values.Sum()),
            ("Q&A log lines", qa.LogLines),
            ("handovers", qa.Handovers),
            ("service visits", s.Visits.Between(DateOnly.MinValue, DateOnly.MaxValue).Count),
            ("report snapshots", s.Snapshots.List(int.MaxValue).Count),
            ("privacy requests", privacy.Requests),
            ("access records", privacy.AccessRecords),
            ("purge log entries", s.Privacy.ListPurgeLog(int.MaxValue).Count),
            ("conversations under way", s.ConversationsWithState()),
        };
        counts.AddRange(fiscalYears.Select(y => ("last case number of FY " + y.ToString(CultureInfo.InvariantCulture), (long)s.Cases.LastSequence(y))));
        return counts;
    }
}
