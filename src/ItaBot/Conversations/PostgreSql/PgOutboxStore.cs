using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using ItaBot.Webhook;
using Npgsql;

namespace ItaBot.Conversations.PostgreSql;

/// <summary>The outbox in PostgreSQL; a sent entry shrinks to its facts, as on LiteDB.</summary>
internal sealed class PgOutboxStore(NpgsqlDataSource dataSource, IStoreWriter writer, IInboxStore inbox, AgencyContext agency, TimeProvider time, PgTextSeal seal)
    : IOutboxStore
{
    /// <summary>An answer may repeat what the citizen typed (a summary before submit): sealed (see <see cref="PgTextSeal"/>).</summary>
    private const string SealedMessages = "outbox.messages";

    private const string Columns = "id, event_id, lane, recipient, reply_token, event_ts, messages, retry_key, state, attempts, error, via, created_at, sent_at";

    public Task CompleteTurnAsync(string eventId, OutboxEntry? answer, Action<IUnitOfWork>? writes = null) => writer.WriteAsync<bool>(work =>
    {
        writes?.Invoke(work);
        inbox.MarkDone(work, eventId);
        if (answer is not null)
        {
            // Deferred with the inbox mark above: both go to the server in the commit's round trip.
            work.Pg().Defer(
                $"""
                insert into outbox (agency_id, {Columns})
                values (@agency, @id, @event, @lane, @to, @token, @ts, @messages, @retry, @state, @attempts, @error, @via, @created, @sent)
                """)
                .With("agency", agency.Id).With("id", answer.Id).With("event", answer.EventId).With("lane", answer.LaneKey)
                .With("to", answer.To).With("token", answer.ReplyToken).With("ts", answer.EventTimestamp).With("messages", seal.Seal(answer.MessagesJson, SealedMessages))
                .With("retry", answer.RetryKey).With("state", (short)answer.State).With("attempts", answer.Attempts).With("error", answer.Error)
                .With("via", answer.Via).With("created", answer.CreatedAt).With("sent", answer.SentAt);
        }

        return true;
    }, onRollback: () => inbox.Recheck(eventId));

    public Task MarkSentAsync(OutboxEntry entry, string via)
    {
        var sentAt = time.GetUtcNow().UtcDateTime;
        return writer.WriteAsync(work =>
        {
            // The answer to a protected-channel event (its inbox entry redacted) keeps no trace of the conversation either.
            var redacted = entry.EventRedacted ?? (entry.EventId is not null && inbox.IsRedacted(work, entry.EventId));
            work.Pg().Defer(
                """
                update outbox set state = @state, via = @via, attempts = @attempts, sent_at = @sent,
                    lane = case when @redacted then @redactedLane else lane end,
                    recipient = null, reply_token = null, event_ts = 0, messages = null, retry_key = null, error = null
                where agency_id = @agency and id = @id
                """)
                .With("agency", agency.Id).With("id", entry.Id).With("state", (short)OutboxState.Sent).With("via", via)
                .With("attempts", entry.Attempts).With("sent", sentAt).With("redacted", redacted).With("redactedLane", InboxEntry.RedactedLane);
        });
    }

    public Task MarkParkedAsync(OutboxEntry entry, string error) => writer.WriteAsync(work =>
    {
        var redacted = entry.EventRedacted ?? (entry.EventId is not null && inbox.IsRedacted(work, entry.EventId));
        // A protected-channel answer is wiped, not kept: its messages may carry a receipt, its recipient is the reporter.
        using var command = work.Pg().Command(redacted
            ? """
              update outbox set state = @state, attempts = @attempts, lane = @redactedLane, messages = null, recipient = null,
                  reply_token = null, error = 'protected channel: answer wiped when parked'
              where agency_id = @agency and id = @id
              """
            : "update outbox set state = @state, attempts = @attempts, error = @error where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", entry.Id).With("state", (short)OutboxState.Parked).With("attempts", entry.Attempts)
            .With("error", error).With("redactedLane", InboxEntry.RedactedLane);
        command.ExecuteNonQuery();
    });

    public OutboxEntry? Find(string id)
    {
        using var command = dataSource.CreateCommand($"select {Columns} from outbox where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public List<OutboxEntry> Pending()
    {
        using var command = dataSource.CreateCommand($"select {Columns} from outbox where agency_id = @agency and state = 0 order by id")
            .With("agency", agency.Id);
        using var reader = command.ExecuteReader();
        var pending = new List<OutboxEntry>();
        while (reader.Read())
        {
            pending.Add(Read(reader));
        }

        return pending;
    }

    public List<OutboxEntry> PendingInLane(string lane) =>
        dataSource.CreateCommand($"select {Columns} from outbox where agency_id = @agency and state = 0 and lane = @lane order by id")
            .With("agency", agency.Id).With("lane", lane).ReadAll(Read);

    public List<string> PendingLanes(int max) =>
        dataSource.CreateCommand(
            "select lane from (select lane, id from outbox where agency_id = @agency and state = 0 order by id limit @max) p group by lane order by min(id)")
            .With("agency", agency.Id).With("max", max).ReadAll(r => r.GetString(0));

    public int Count(OutboxState state)
    {
        using var command = dataSource.CreateCommand("select count(*) from outbox where agency_id = @agency and state = @state")
            .With("agency", agency.Id).With("state", (short)state);
        return (int)command.Scalar();
    }

    public Task<int> PurgeSentAsync(DateTime cutoff) =>
        writer.WriteAsync(work => work.Pg().DeleteSentBefore("outbox", (short)OutboxState.Sent, agency.Id, cutoff));

    private OutboxEntry Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        EventId = r.NullableString(1),
        LaneKey = r.GetString(2),
        To = r.NullableString(3),
        ReplyToken = r.NullableString(4),
        EventTimestamp = r.GetInt64(5),
        MessagesJson = seal.Unseal(r.NullableString(6), SealedMessages) ?? "[]",
        RetryKey = r.IsDBNull(7) ? Guid.Empty : r.GetGuid(7),
        State = (OutboxState)r.GetInt16(8),
        Attempts = r.GetInt32(9),
        Error = r.NullableString(10),
        Via = r.NullableString(11),
        CreatedAt = r.GetDateTime(12),
        SentAt = r.NullableDateTime(13),
    };
}
