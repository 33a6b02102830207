using ItaBot.Line.Webhook;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Webhook.PostgreSql;

/// <summary>
/// The inbox in PostgreSQL. Nothing lives in this node's memory: de-duplication is the primary key
/// (<c>insert … on conflict do nothing</c>, so a redelivery that reaches another node is still recognised), the pending
/// count is a count of the pending rows (a partial index), arrival order is the identity column.
/// </summary>
internal sealed class PgInboxStore(NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency, TimeProvider time, PgTextSeal seal) : IInboxStore
{
    /// <summary>The event's JSON holds what the citizen typed, maybe a report of corruption nobody knows of yet: sealed (see <see cref="PgTextSeal"/>).</summary>
    private const string SealedJson = "inbox.json";

    private const string Columns = "id, seq, tenant, lane, type, mode, ts, user_id, conversation_id, reply_token, json, received_at, state, attempts, error, handled_at";

    /// <summary>
    /// The fence of an update by id: the row is still pending. Written so that it does not imply the pending indexes'
    /// predicate (<c>state = 0</c>): when it did, the planner, with statistics a flood has outgrown (a fresh or small
    /// table; the costs tie), updated the row through <c>inbox_pending</c> and read every pending row of the agency to
    /// find it — in a short flood 1,183 index entries and 681 µs of the server's time per turn (bench/README.md, issue 19).
    /// Now only the primary key can find it.
    /// </summary>
    internal const string StillPending = "state + 0 = 0";

    /// <summary>A turn's done mark with its fence (see <see cref="MarkDone"/>).</summary>
    internal const string MarkDoneSql =
        "update inbox set state = @state, attempts = 0, error = null, handled_at = @handled where agency_id = @agency and id = @id and " + StillPending;

    /// <summary>
    /// A lane's pending events after a point, in arrival order, through <c>inbox_lane_pending</c> alone: "state &lt; 1"
    /// (pending: states are 0, 1, 2) is that index's predicate and does not imply <c>inbox_pending</c>'s (see the schema).
    /// </summary>
    internal const string PendingInLaneSql =
        $"select {Columns} from inbox where agency_id = @agency and state < 1 and lane = @lane and seq > @after order by seq limit @max";

    public Task<List<InboxEntry>> AppendAsync(string? destination, IReadOnlyList<RawWebhookEvent> events)
    {
        var receivedAt = time.GetUtcNow().UtcDateTime;
        var distinct = events.DistinctBy(e => e.WebhookEventId, StringComparer.Ordinal).ToList();
        return writer.WriteAsync(work =>
        {
            var added = new List<InboxEntry>(distinct.Count);
            if (distinct.Count == 0)
            {
                return added;
            }

            // One statement for the whole body, rows in the body's order (the identity follows it); ids already stored,
            // by this node or another, are skipped by the primary key.
            using var command = work.Pg().Command(
                """
                insert into inbox (agency_id, id, tenant, lane, type, mode, ts, user_id, conversation_id, reply_token, json, received_at)
                select @agency, e.id, @tenant, e.lane, e.type, e.mode, e.ts, e.user_id, e.conversation_id, e.reply_token, e.json, @received
                from unnest(@ids, @lanes, @types, @modes, @ts, @users, @conversations, @tokens, @jsons)
                     with ordinality as e(id, lane, type, mode, ts, user_id, conversation_id, reply_token, json, n)
                order by e.n
                on conflict (agency_id, id) do nothing
                returning id, seq
                """)
                .With("agency", agency.Id).With("tenant", destination).With("received", receivedAt)
                .With("ids", distinct.Select(e => e.WebhookEventId).ToArray())
                .With("lanes", distinct.Select(e => e.ConversationId ?? e.WebhookEventId).ToArray())
                .With("types", distinct.Select(e => e.Type).ToArray())
                .With("modes", distinct.Select(e => e.Mode).ToArray())
                .With("ts", distinct.Select(e => e.Timestamp).ToArray())
                .With("users", distinct.Select(e => e.UserId).ToArray())
                .With("conversations", distinct.Select(e => e.ConversationId).ToArray())
                .With("tokens", distinct.Select(e => e.ReplyToken).ToArray())
                .With("jsons", distinct.Select(e => seal.Seal(e.Json, SealedJson)).ToArray());
            var stored = new Dictionary<string, long>(StringComparer.Ordinal);
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            foreach (var e in distinct)
            {
                if (stored.TryGetValue(e.WebhookEventId, out var seq))
                {
                    added.Add(InboxEntry.Received(e, destination, seq, receivedAt));
                }
            }

            return added;
        }, priority: true);
    }

    public InboxEntry? Find(string id)
    {
        using var command = dataSource.CreateCommand($"select {Columns} from inbox where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public List<InboxEntry> Pending()
    {
        using var command = dataSource.CreateCommand($"select {Columns} from inbox where agency_id = @agency and state = 0 order by seq")
            .With("agency", agency.Id);
        using var reader = command.ExecuteReader();
        var pending = new List<InboxEntry>();
        while (reader.Read())
        {
            pending.Add(Read(reader));
        }

        return pending;
    }

    public List<InboxEntry> PendingInLane(string lane, long afterSeq, int max)
    {
        return dataSource.CreateCommand(PendingInLaneSql)
            .With("agency", agency.Id).With("lane", lane).With("after", afterSeq).With("max", max).ReadAll(Read);
    }

    /// <summary>Reads only the oldest pending rows (the partial index, in order), so a sweep costs the same at any backlog.</summary>
    public List<string> PendingLanes(int max)
    {
        return dataSource.CreateCommand(
            "select lane from (select lane, seq from inbox where agency_id = @agency and state = 0 order by seq limit @max) p group by lane order by min(seq)")
            .With("agency", agency.Id).With("max", max).ReadAll(r => r.GetString(0));
    }

    /// <summary>Counted in the database (a partial index for the pending): every node sees the same figure.</summary>
    public int Count(InboxState state) => CountStored(state);

    public int CountStored(InboxState state)
    {
        using var command = dataSource.CreateCommand("select count(*) from inbox where agency_id = @agency and state = @state")
            .With("agency", agency.Id).With("state", (short)state);
        return (int)command.Scalar();
    }

    public Task RecordFailureAsync(string id, int attempts, string error, bool park)
    {
        var handledAt = park ? time.GetUtcNow().UtcDateTime : (DateTime?)null;
        return writer.WriteAsync(work => work.Pg().Defer(
                "update inbox set state = @state, attempts = @attempts, error = @error, handled_at = @handled where agency_id = @agency and id = @id and " + StillPending)
            .With("agency", agency.Id).With("id", id).With("state", (short)(park ? InboxState.Parked : InboxState.Pending))
            .With("attempts", attempts).With("error", error).With("handled", handledAt));
    }

    public void MarkDone(IUnitOfWork work, string id)
    {
        // The fence that makes a turn commit once: a node that lost its lane's lease mid-turn finds the event taken.
        // Deferred into the commit's round trip; the check throws there, which rolls the turn's writes back.
        work.Pg().Defer(MarkDoneSql,
                rows =>
                {
                    if (rows == 0)
                    {
                        throw new TurnAlreadyHandledException(id);
                    }
                })
            .With("agency", agency.Id).With("id", id).With("state", (short)InboxState.Done).With("handled", time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Nothing to do: the state lives in the database alone, and the rollback restored it.</summary>
    public void Recheck(string id)
    {
    }

    public void Redact(IUnitOfWork work, string id)
    {
        work.Pg().Defer(
            """
            update inbox set lane = @lane, tenant = null, user_id = null, conversation_id = null, reply_token = null, json = '{"redacted":true}'
            where agency_id = @agency and id = @id
            """)
            .With("agency", agency.Id).With("id", id).With("lane", InboxEntry.RedactedLane);
    }

    public bool IsRedacted(IUnitOfWork work, string id)
    {
        using var command = work.Pg().Command("select count(*) from inbox where agency_id = @agency and id = @id and lane = @lane")
            .With("agency", agency.Id).With("id", id).With("lane", InboxEntry.RedactedLane);
        return command.Scalar() > 0;
    }

    public Task<int> PurgeHandledAsync(DateTime cutoff) => writer.WriteAsync(work =>
    {
        using var command = work.Pg().Command("delete from inbox where agency_id = @agency and state = @state and handled_at < @cutoff")
            .With("agency", agency.Id).With("state", (short)InboxState.Done).With("cutoff", cutoff);
        return command.ExecuteNonQuery();
    });

    private InboxEntry Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        Seq = r.GetInt64(1),
        Tenant = r.NullableString(2),
        LaneKey = r.GetString(3),
        Type = r.GetString(4),
        Mode = r.NullableString(5),
        Timestamp = r.GetInt64(6),
        UserId = r.NullableString(7),
        ConversationId = r.NullableString(8),
        ReplyToken = r.NullableString(9),
        Json = seal.Unseal(r.GetString(10), SealedJson) ?? InboxEntry.SealKeyGoneJson,
        ReceivedAt = r.GetDateTime(11),
        State = (InboxState)r.GetInt16(12),
        Attempts = r.GetInt32(13),
        Error = r.NullableString(14),
        HandledAt = r.NullableDateTime(15),
    };
}
