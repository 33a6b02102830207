using ItaBot.Storage.PostgreSql;

namespace ItaBot.Webhook.PostgreSql;

/// <summary>
/// The inbox: one row per webhook event, its outcome in the same row (PostgreSQL writes a new row version on every
/// update anyway, so LiteDB's separate append-only collection buys nothing here). The primary key de-duplicates by
/// webhookEventId across every node; the identity column gives arrival order.
/// </summary>
internal sealed class WebhookPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "webhook";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table inbox (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            seq bigint generated always as identity,
            tenant text,
            lane text not null,
            type text not null,
            mode text,
            ts bigint not null,
            user_id text,
            conversation_id text,
            reply_token text,
            json text not null,
            received_at timestamptz not null,
            state smallint not null default 0,
            attempts integer not null default 0,
            error text,
            handled_at timestamptz,
            primary key (agency_id, id)
        );
        create index inbox_pending on inbox (agency_id, seq) where state = 0;
        create index inbox_outcome on inbox (agency_id, state, handled_at) where state <> 0;
        """,
        // A lane's pending events (PgInboxStore.PendingInLane, about three reads for each lane a node works): without it the
        // read walked inbox_pending, every pending row of the agency, for the few of one conversation (188 µs a read at a
        // backlog of ~3,000; a sequential scan once the table is analysed). Its predicate is "state < 1", not "state = 0",
        // and so is the read's: a read saying "state = 0" may also use inbox_pending, and on a table a flood has outgrown
        // its statistics the two cost the same and the smaller index won. Rows marked done or parked leave it (their new
        // version is not pending), so it costs the append's insert only.
        "create index inbox_lane_pending on inbox (agency_id, lane, seq) where state < 1",
    ];
}
