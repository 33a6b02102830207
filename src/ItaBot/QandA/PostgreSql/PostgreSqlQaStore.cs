using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.QandA.PostgreSql;

/// <summary>
/// The Q&amp;A log ("qa_log") and handovers ("handovers") in PostgreSQL. Reads see committed data on a pooled connection
/// of their own; writes run in a unit of work.
/// </summary>
internal sealed class PostgreSqlQaStore(
    NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency, TimeProvider time, IEnumerable<IHandoverObserver>? observers = null) : IQaStore
{
    private const string LogColumns = "id, at, outcome, matched_id, score, question, thread";

    private const string HandoverColumns = "id, created_at, status, question, line_user_id, conversation_id, staff_answer, answered_at, answered_by";

    private readonly IReadOnlyList<IHandoverObserver> _observers = observers?.ToList() ?? [];

    public Action<IUnitOfWork> LogWrite(QaOutcome outcome, string? matchedId, double score, string? question, string? id = null, string? thread = null)
    {
        var keepText = outcome is QaOutcome.Unanswered or QaOutcome.HandedOver;
        var lineId = id ?? RecordId.New(time);
        var at = time.GetUtcNow().UtcDateTime;
        // Deferred into the commit's round trip with the turn's other writes (run at once, it was a round trip of its own
        // and sent the writes queued before it early; its command was never disposed).
        return work => work.Pg().Defer($"insert into qa_log (agency_id, {LogColumns}) values (@agency, @id, @at, @outcome, @matched_id, @score, @question, @thread)")
            .With("agency", agency.Id).With("id", lineId).With("at", at).With("outcome", outcome.ToString()).With("matched_id", matchedId)
            .With("score", Math.Round(score, 3)).With("question", keepText ? question : null)
            .With("thread", thread is not null && thread != lineId ? thread : null);
    }

    public Action<IUnitOfWork> HandoverWrite(string question, string lineUserId, string conversationId)
    {
        var id = RecordId.New(time);
        var at = time.GetUtcNow().UtcDateTime;
        return work =>
        {
            // The same open question of the same citizen is stored once (a repeated turn, a second tap).
            var inserted = work.Pg().Command($"insert into handovers (agency_id, {HandoverColumns}) "
                    + "select @agency, @id, @at, 'Open', @question, @line, @conversation, null, null, null "
                    + "where not exists (select 1 from handovers where agency_id = @agency and line_user_id = @line and status = 'Open' and question = @question)")
                .With("agency", agency.Id).With("id", id).With("at", at).With("question", question).With("line", lineUserId).With("conversation", conversationId)
                .ExecuteNonQuery() == 1;
            if (inserted)
            {
                foreach (var observer in _observers)
                {
                    observer.OnHandoverCreated(work, id, question);
                }
            }
        };
    }

    public IReadOnlyList<Handover> ListOpenHandovers(int limit = 100) =>
        Read($"select {HandoverColumns} from handovers where agency_id = @agency and status = 'Open' order by created_at, id limit @limit")
            .With("limit", limit).ReadAll(ToHandover);

    public Handover? FindHandover(string id) =>
        Read($"select {HandoverColumns} from handovers where agency_id = @agency and id = @id").With("id", id).ReadFirst(ToHandover);

    public Task<HandoverPush?> AnswerHandoverAsync(string id, string answer, string staffName, Action<IUnitOfWork, HandoverPush>? alsoWrite = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(answer);
        var now = time.GetUtcNow().UtcDateTime;
        var text = answer.Trim();
        return writer.WriteAsync(work =>
        {
            // One conditional update: of two staff answering at once, one finds it still open.
            var answered = work.Pg().Command("update handovers set status = 'Answered', staff_answer = @answer, answered_at = @at, answered_by = @by "
                    + "where agency_id = @agency and id = @id and status = 'Open' returning line_user_id, question")
                .With("agency", agency.Id).With("id", id).With("answer", text).With("at", now).With("by", staffName)
                .ReadFirst(r => new HandoverPush(id, r.GetString(0), QaTexts.Push(r.GetString(1), text)));
            if (answered is not null)
            {
                alsoWrite?.Invoke(work, answered);
            }

            return answered;
        });
    }

    public IReadOnlyList<QaLogEntry> ListUnanswered(DateTime? since = null, int limit = 200) =>
        Read($"select {LogColumns} from qa_log where agency_id = @agency and outcome in ('Unanswered', 'HandedOver') and at >= @since "
                + "order by at desc, id desc limit @limit")
            .With("since", since ?? DateTime.MinValue).With("limit", limit).ReadAll(ToLogEntry);

    public IReadOnlyList<QaLogEntry> ListLog(DateTime from, DateTime to) =>
        Read($"select {LogColumns} from qa_log where agency_id = @agency and at >= @from and at < @to order by at, id")
            .With("from", from).With("to", to).ReadAll(ToLogEntry);

    public IReadOnlyDictionary<QaOutcome, int> CountOutcomes(DateTime from, DateTime to) =>
        Read("select outcome, count(*) from qa_log where agency_id = @agency and at >= @from and at < @to group by outcome")
            .With("from", from).With("to", to)
            .ReadAll(r => (Outcome: Enum.Parse<QaOutcome>(r.GetString(0)), Count: (int)r.GetInt64(1)))
            .ToDictionary(x => x.Outcome, x => x.Count);

    public IReadOnlyList<Handover> ListHandoversFor(string lineUserId) =>
        Read($"select {HandoverColumns} from handovers where agency_id = @agency and line_user_id = @line order by created_at, id")
            .With("line", lineUserId).ReadAll(ToHandover);

    public int CountAnsweredHandovers(DateTime createdFrom, DateTime createdThrough, DateTime answeredBy) =>
        (int)Read("select count(*) from handovers where agency_id = @agency and created_at between @from and @through and answered_at <= @by")
            .With("from", createdFrom).With("through", createdThrough).With("by", answeredBy).Scalar();

    public (int LogLines, int Handovers) Count()
    {
        var counts = Read("select (select count(*) from qa_log where agency_id = @agency), (select count(*) from handovers where agency_id = @agency)")
            .ReadAll(r => ((int)r.GetInt64(0), (int)r.GetInt64(1)));
        return counts[0];
    }

    public int EraseHandovers(IUnitOfWork work, string? lineUserId, DateTime? answeredBefore) =>
        work.Pg().Command("update handovers set question = @erased, staff_answer = @erased, line_user_id = '', conversation_id = '' "
                + "where agency_id = @agency and status = 'Answered' and line_user_id <> '' "
                + "and (@line::text is null or line_user_id = @line) and (@before::timestamptz is null or answered_at < @before)")
            .With("agency", agency.Id).With("erased", QaTexts.ErasedText).With("line", lineUserId).With("before", answeredBefore)
            .ExecuteNonQuery();

    public int EraseLogText(IUnitOfWork work, DateTime before) =>
        work.Pg().Command("update qa_log set question = null where agency_id = @agency and at < @before and question is not null")
            .With("agency", agency.Id).With("before", before)
            .ExecuteNonQuery();

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private static QaLogEntry ToLogEntry(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetDateTime(1), Enum.Parse<QaOutcome>(r.GetString(2)), r.NullableString(3), r.GetDouble(4), r.NullableString(5), r.NullableString(6));

    private static Handover ToHandover(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetDateTime(1), Enum.Parse<HandoverStatus>(r.GetString(2)), r.GetString(3), r.GetString(4), r.GetString(5),
        r.NullableString(6), r.NullableDateTime(7), r.NullableString(8));
}
