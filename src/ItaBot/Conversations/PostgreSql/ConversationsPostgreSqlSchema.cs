using ItaBot.Storage.PostgreSql;

namespace ItaBot.Conversations.PostgreSql;

/// <summary>
/// The outbox of sends (pending ones by id, sent ones by time for retention), dialog state with its version, and the
/// lane leases that keep one conversation on one node at a time.
/// </summary>
internal sealed class ConversationsPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "conversations";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table outbox (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            event_id text,
            lane text not null,
            recipient text,
            reply_token text,
            event_ts bigint not null default 0,
            messages text,
            retry_key uuid,
            state smallint not null default 0,
            attempts integer not null default 0,
            error text,
            via text,
            created_at timestamptz not null,
            sent_at timestamptz,
            primary key (agency_id, id)
        );
        create index outbox_pending on outbox (agency_id, id) where state = 0;
        create index outbox_state on outbox (agency_id, state, sent_at);
        create table conversations (
            agency_id text collate "C" not null,
            key text collate "C" not null,
            version bigint not null,
            json text,
            updated_at timestamptz not null,
            primary key (agency_id, key)
        );
        create index conversations_idle on conversations (agency_id, updated_at) where json is not null;
        """,
        // Several nodes: the node working a conversation's lane now, until its lease expires (see PgLaneLeases).
        """
        create table lane_leases (
            agency_id text collate "C" not null,
            lane text collate "C" not null,
            node text not null,
            expires_at timestamptz not null,
            primary key (agency_id, lane)
        );
        """,
    ];
}
