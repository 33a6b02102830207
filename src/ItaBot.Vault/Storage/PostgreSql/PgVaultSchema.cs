namespace ItaBot.Vault.Storage.PostgreSql;

/// <summary>
/// The vault's tables in PostgreSQL, applied in order by the service's migrator (slice "vault"), each once. Every table
/// is keyed by agency first. A stored record is the vault's own document as JSON (plain fields and base64 ciphertext,
/// as in vault.db); the columns beside it are the plain fields the vault looks things up by. Evidence copies are bytea
/// rows of their own (ciphertext, a few MB at most: one read returns one copy whole, and deleting the row is all a
/// deletion needs; a large object would outlive its row unless unlinked, and lives in pg_largeobject for every agency).
/// </summary>
internal static class PgVaultSchema
{
    public const string Slice = "vault";

    public static IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table vault_reports (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            created_at timestamptz not null,
            retain_until timestamptz not null,
            purged boolean not null,
            pending boolean not null,
            receipt_tag text collate "C",
            pending_tag text collate "C",
            doc jsonb not null,
            primary key (agency_id, id)
        );
        create index vault_reports_created on vault_reports (agency_id, created_at, id);
        create index vault_reports_retain on vault_reports (agency_id, retain_until) where not purged;
        create index vault_reports_receipt on vault_reports (agency_id, receipt_tag) where receipt_tag is not null;
        create index vault_reports_pending on vault_reports (agency_id, pending_tag) where pending_tag is not null;
        create table vault_blobs (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            report_id text collate "C" not null,
            data bytea not null,
            primary key (agency_id, id)
        );
        create index vault_blobs_report on vault_blobs (agency_id, report_id);
        create table vault_drafts (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            touched_at timestamptz not null,
            doc jsonb not null,
            primary key (agency_id, id)
        );
        create index vault_drafts_touched on vault_drafts (agency_id, touched_at);
        create table vault_draft_blobs (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            draft_id text collate "C" not null,
            data bytea not null,
            primary key (agency_id, id)
        );
        create index vault_draft_blobs_draft on vault_draft_blobs (agency_id, draft_id);
        create table vault_meta (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            value bigint not null,
            text text,
            primary key (agency_id, id)
        );
        create table vault_keys (
            agency_id text collate "C" not null,
            id text collate "C" not null,
            doc jsonb not null,
            primary key (agency_id, id)
        );
        create table vault_audit (
            agency_id text collate "C" not null,
            seq bigint not null,
            doc jsonb not null,
            primary key (agency_id, seq)
        );
        create table vault_receipt_failures (
            agency_id text collate "C" not null,
            source text collate "C" not null,
            at timestamptz not null,
            id bigint generated always as identity,
            primary key (agency_id, id)
        );
        create index vault_receipt_failures_source on vault_receipt_failures (agency_id, source, at);
        create index vault_receipt_failures_at on vault_receipt_failures (agency_id, at);
        create table vault_access (
            agency_id text collate "C" not null,
            token_hash text collate "C" not null,
            report_id text collate "C" not null,
            expires_at timestamptz not null,
            primary key (agency_id, token_hash)
        );
        create index vault_access_expires on vault_access (agency_id, expires_at);
        """,
    ];

    /// <summary>The tables deletion touches, vacuumed after a purge (see <see cref="PgVaultStorage.CompactAsync"/>).</summary>
    public static readonly string[] Tables =
        ["vault_reports", "vault_blobs", "vault_drafts", "vault_draft_blobs", "vault_meta", "vault_keys", "vault_audit", "vault_receipt_failures", "vault_access"];
}
