using System.Globalization;
using System.Text.Json;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Privacy.PostgreSql;

/// <summary>"privacy_requests", "privacy_copies", "access_audit" and "purge_log" in PostgreSQL.</summary>
internal sealed class PostgreSqlPrivacyStore(NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency, TimeProvider time) : IPrivacyStore
{
    private const string RequestColumns =
        "id, number, kind, in_person, line_user_id, requester_name, requester_phone, detail, received_at, due_at, status, decided_at, decided_by, reason, log";

    private const string Requests =
        "select id, number, kind, in_person, line_user_id, requester_name, requester_phone, detail, received_at, due_at, status, decided_at, decided_by, "
        + "reason, log::text from privacy_requests where agency_id = @agency";

    public void AddRequest(IUnitOfWork work, PrivacyRequest request, int year) =>
        WithRequest(Write(work, $"insert into privacy_requests (agency_id, year, sequence, {RequestColumns}) values (@agency, @year, @sequence, @id, @number, "
                + "@kind, @in_person, @line_user_id, @requester_name, @requester_phone, @detail, @received_at, @due_at, @status, @decided_at, @decided_by, "
                + "@reason, @log)"), request)
            .With("year", year)
            .ExecuteNonQuery();

    public void UpdateRequest(IUnitOfWork work, PrivacyRequest request) =>
        WithRequest(Write(work, "update privacy_requests set sequence = @sequence, number = @number, kind = @kind, in_person = @in_person, "
                + "line_user_id = @line_user_id, requester_name = @requester_name, requester_phone = @requester_phone, detail = @detail, "
                + "received_at = @received_at, due_at = @due_at, status = @status, decided_at = @decided_at, decided_by = @decided_by, reason = @reason, "
                + "log = @log where agency_id = @agency and id = @id"), request)
            .ExecuteNonQuery();

    public PrivacyRequest? FindRequest(string id) => Read(Requests + " and id = @id").With("id", id).ReadFirst(ToRequest);

    public PrivacyRequest? FindRequest(IUnitOfWork work, string id) =>
        Write(work, Requests + " and id = @id").With("id", id).ReadFirst(ToRequest);

    public int LastSequence(int year) =>
        (int)Read("select max(sequence) from privacy_requests where agency_id = @agency and year = @year").With("year", year).Scalar();

    /// <summary>One row per agency and year, updated by a statement of its own; it starts above every stored request.</summary>
    public int ReserveSequence(int year) =>
        (int)Read("insert into privacy_request_numbers as n (agency_id, year, last_sequence) "
                + "values (@agency, @year, coalesce((select max(sequence) from privacy_requests where agency_id = @agency and year = @year), 0) + 1) "
                + "on conflict (agency_id, year) do update set last_sequence = greatest(n.last_sequence, "
                + "coalesce((select max(sequence) from privacy_requests where agency_id = @agency and year = @year), 0)) + 1 returning last_sequence")
            .With("year", year).Scalar();

    public IReadOnlyList<PrivacyRequest> ListRequests(PrivacyRequestStatus? status, int limit) =>
        Read(Requests + " and (@status::text is null or status = @status) order by received_at desc, id desc limit @limit")
            .With("status", status?.ToString()).With("limit", limit).ReadAll(ToRequest);

    public IReadOnlyList<PrivacyRequest> ListRequestsBetween(DateTime fromUtc, DateTime toUtc) =>
        Read(Requests + " and received_at >= @from and received_at < @to order by received_at, id").With("from", fromUtc).With("to", toUtc).ReadAll(ToRequest);

    public IReadOnlyList<PrivacyRequest> ListRequestsOf(string lineUserId) =>
        Read(Requests + " and line_user_id = @line order by received_at, id").With("line", lineUserId).ReadAll(ToRequest);

    public int DeleteDecidedRequests(IUnitOfWork work, DateTime before, DateTime now) =>
        Write(work, "delete from privacy_requests where agency_id = @agency and decided_at < @before").With("before", before).ExecuteNonQuery()
        + Write(work, "delete from privacy_copies where agency_id = @agency and expires_at < @now").With("now", now).ExecuteNonQuery();

    public void AddCopyLink(IUnitOfWork work, PrivacyCopyLink link) =>
        Write(work, "insert into privacy_copies (agency_id, id, line_user_id, request_id, expires_at, used_at) values (@agency, @id, @line, @request, @expires, @used)")
            .With("id", link.Id).With("line", link.LineUserId).With("request", link.RequestId).With("expires", link.ExpiresAt).With("used", link.UsedAt)
            .ExecuteNonQuery();

    /// <summary>One conditional update: of two takes at once (two nodes), one gets the link.</summary>
    public PrivacyCopyLink? TakeCopyLink(IUnitOfWork work, string id, DateTime now) =>
        Write(work, "update privacy_copies set used_at = @now where agency_id = @agency and id = @id and used_at is null and expires_at >= @now "
                + "returning line_user_id, request_id, expires_at")
            .With("id", id).With("now", now)
            .ReadFirst(r => new PrivacyCopyLink(id, r.GetString(0), r.GetString(1), r.GetDateTime(2)));

    public Task AddAccessAsync(AccessRecord r)
    {
        var id = RecordId.New(time);
        return writer.WriteAsync(work => Write(work, "insert into access_audit (agency_id, id, at, staff_id, staff_name, role, action, target) "
                + "values (@agency, @id, @at, @staff_id, @staff_name, @role, @action, @target)")
            .With("id", id).With("at", r.At).With("staff_id", r.StaffId).With("staff_name", r.StaffName).With("role", r.Role)
            .With("action", r.Action).With("target", r.Target)
            .ExecuteNonQuery());
    }

    public IReadOnlyList<AccessRecord> ListAccess(DateTime fromUtc, DateTime toUtc) =>
        Read("select at, staff_id, staff_name, role, action, target from access_audit where agency_id = @agency and at >= @from and at < @to "
                + "order by at desc, id desc")
            .With("from", fromUtc).With("to", toUtc)
            .ReadAll(r => new AccessRecord(r.GetDateTime(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)));

    public int DeleteAccessBefore(IUnitOfWork work, DateTime before) =>
        Write(work, "delete from access_audit where agency_id = @agency and at < @before").With("before", before).ExecuteNonQuery();

    public Task AddPurgeEntriesAsync(IReadOnlyList<PurgeEntry> entries)
    {
        var rows = entries.Select(e => (Id: RecordId.New(time), Entry: e)).ToList();
        return writer.WriteAsync(work =>
        {
            foreach (var (id, e) in rows)
            {
                Write(work, "insert into purge_log (agency_id, id, at, kind, count, detail) values (@agency, @id, @at, @kind, @count, @detail)")
                    .With("id", id).With("at", e.At).With("kind", e.Kind).With("count", e.Count).With("detail", e.Detail)
                    .ExecuteNonQuery();
            }
        });
    }

    public IReadOnlyList<PurgeEntry> ListPurgeLog(int limit) =>
        Read("select at, kind, count, detail from purge_log where agency_id = @agency order by at desc, id desc limit @limit").With("limit", limit)
            .ReadAll(r => new PurgeEntry(r.GetDateTime(0), r.GetString(1), r.GetInt32(2), r.GetString(3)));

    public PrivacyCounts Count() =>
        Read("select (select count(*) from privacy_requests where agency_id = @agency), (select count(*) from access_audit where agency_id = @agency)")
            .ReadAll(r => new PrivacyCounts((int)r.GetInt64(0), (int)r.GetInt64(1)))[0];

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private NpgsqlCommand Write(IUnitOfWork work, string sql) => work.Pg().Command(sql).With("agency", agency.Id);

    private static NpgsqlCommand WithRequest(NpgsqlCommand command, PrivacyRequest r) =>
        command.With("id", r.Id).With("number", r.Number).With("sequence", Sequence(r.Number)).With("kind", r.Kind.ToString())
            .With("in_person", r.InPerson).With("line_user_id", r.LineUserId).With("requester_name", r.RequesterName)
            .With("requester_phone", r.RequesterPhone).With("detail", r.Detail).With("received_at", r.ReceivedAt).With("due_at", r.DueAt)
            .With("status", r.Status.ToString()).With("decided_at", r.DecidedAt).With("decided_by", r.DecidedBy).With("reason", r.Reason)
            .WithJson("log", JsonSerializer.Serialize(r.Log, PrivacyLogJson.Default.IReadOnlyListPrivacyRequestEvent));

    /// <summary>The sequence of a request number ("PD69-0007" is 7).</summary>
    private static int Sequence(string number) =>
        int.Parse(number.AsSpan(number.IndexOf('-', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);

    private static PrivacyRequest ToRequest(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Number = r.GetString(1),
        Kind = Enum.Parse<PrivacyRequestKind>(r.GetString(2)),
        InPerson = r.GetBoolean(3),
        LineUserId = r.NullableString(4),
        RequesterName = r.NullableString(5),
        RequesterPhone = r.NullableString(6),
        Detail = r.NullableString(7),
        ReceivedAt = r.GetDateTime(8),
        DueAt = r.GetDateTime(9),
        Status = Enum.Parse<PrivacyRequestStatus>(r.GetString(10)),
        DecidedAt = r.NullableDateTime(11),
        DecidedBy = r.NullableString(12),
        Reason = r.NullableString(13),
        Log = JsonSerializer.Deserialize(r.GetString(14), PrivacyLogJson.Default.IReadOnlyListPrivacyRequestEvent) ?? [],
    };
}
