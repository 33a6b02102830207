using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Notifications.PostgreSql;

/// <summary>
/// The notification outbox in PostgreSQL ("notifications"). Reads see committed data on a pooled connection of their
/// own; writes run in a unit of work, state changes as single conditional updates (no read-modify-write to race).
/// </summary>
internal sealed class PostgreSqlNotificationStore(NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency) : INotificationStore
{
    private const string Columns =
        "id, kind, case_id, recipient, messages, created_at, state, attempts, last_status, last_error, next_attempt_at, sent_at, via";

    private const string Waiting = "state in (0, 2)";

    public bool AddIfAbsent(IUnitOfWork work, Notification n) =>
        work.Pg().Command($"insert into notifications (agency_id, {Columns}) values (@agency, @id, @kind, @case_id, @recipient, @messages, "
                + "@created_at, @state, @attempts, @last_status, @last_error, @next_attempt_at, @sent_at, @via) on conflict (agency_id, id) do nothing")
            .With("agency", agency.Id).With("id", n.Id).With("kind", n.Kind).With("case_id", n.CaseId).With("recipient", n.To)
            .With("messages", n.MessagesJson).With("created_at", n.CreatedAt).With("state", (short)n.State).With("attempts", n.Attempts)
            .With("last_status", n.LastStatus).With("last_error", n.LastError).With("next_attempt_at", n.NextAttemptAt)
            .With("sent_at", n.SentAt).With("via", n.Via)
            .ExecuteNonQuery() == 1;

    public Task<List<string>> AddAsync(IReadOnlyList<Notification> notifications) =>
        writer.WriteAsync(work => notifications.Where(n => AddIfAbsent(work, n)).Select(n => n.Id).ToList());

    public Notification? Find(string id) =>
        Read($"select {Columns} from notifications where agency_id = @agency and id = @id").With("id", id).ReadFirst(ToNotification);

    public IReadOnlyList<Notification> ListForCase(string caseId) =>
        Read($"select {Columns} from notifications where agency_id = @agency and case_id = @case_id order by created_at, id")
            .With("case_id", caseId).ReadAll(ToNotification);

    public bool MarkDelivered(IUnitOfWork work, string id, string via, DateTime at) =>
        work.Pg().Command($"update notifications set state = 1, attempts = attempts + 1, last_status = 200, sent_at = @at, via = @via "
                + $"where agency_id = @agency and id = @id and {Waiting}")
            .With("agency", agency.Id).With("id", id).With("at", at).With("via", via)
            .ExecuteNonQuery() == 1;

    public Task MarkSentAsync(string id, int status, DateTime at) => writer.WriteAsync(work =>
        work.Pg().Command("update notifications set state = 1, attempts = attempts + 1, last_status = @status, sent_at = @at "
                + "where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", id).With("status", status).With("at", at)
            .ExecuteNonQuery());

    public Task MarkFailedAsync(string id, int status, string error, DateTime nextAttemptAt, bool park) => writer.WriteAsync(work =>
        work.Pg().Command("update notifications set state = @state, attempts = attempts + 1, last_status = @status, last_error = @error, "
                + "next_attempt_at = @next where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", id).With("state", (short)(park ? NotificationState.Parked : NotificationState.Failed))
            .With("status", status).With("error", error).With("next", nextAttemptAt)
            .ExecuteNonQuery());

    public List<string> DueIds(DateTime now, int max) =>
        Read($"select id from notifications where agency_id = @agency and {Waiting} and next_attempt_at <= @now order by next_attempt_at, id limit @max")
            .With("now", now).With("max", max).ReadAll(r => r.GetString(0));

    public Dictionary<NotificationState, int> CountByState()
    {
        var counts = Enum.GetValues<NotificationState>().ToDictionary(s => s, _ => 0);
        foreach (var (state, count) in Read("select state, count(*) from notifications where agency_id = @agency group by state")
            .ReadAll(r => ((NotificationState)r.GetInt16(0), (int)r.GetInt64(1))))
        {
            counts[state] = count;
        }

        return counts;
    }

    public int DeleteSentBefore(IUnitOfWork work, DateTime sentBefore) =>
        work.Pg().DeleteSentBefore("notifications", (short)NotificationState.Sent, agency.Id, sentBefore);

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private static Notification ToNotification(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Kind = r.GetString(1),
        CaseId = r.NullableString(2),
        To = r.GetString(3),
        MessagesJson = r.GetString(4),
        CreatedAt = r.GetDateTime(5),
        State = (NotificationState)r.GetInt16(6),
        Attempts = r.GetInt32(7),
        LastStatus = r.NullableInt(8),
        LastError = r.NullableString(9),
        NextAttemptAt = r.GetDateTime(10),
        SentAt = r.NullableDateTime(11),
        Via = r.NullableString(12),
    };
}
