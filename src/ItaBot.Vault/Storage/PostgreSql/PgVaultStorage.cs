using System.Data;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace ItaBot.Vault.Storage.PostgreSql;

/// <summary>
/// The vault in PostgreSQL, shared by every node of a deployment, one agency's rows per instance (the agency is the
/// caller's: a constructor input, never a constant here). The tables are the service migrator's (<see cref="PgVaultSchema"/>).
/// What reaches the database is what vault.db holds: plain fields and ciphertext, never a key, a text or a LINE id in clear.
/// A write is one transaction that first takes the agency's vault advisory lock, so writes of all nodes run one at a time
/// per agency, as the single writer thread does for vault.db (the audit chain and the report sequence need exactly that).
/// A read is one repeatable-read transaction (one snapshot), long lists are read in pages, so no reader stays open
/// while the caller runs further reads.
/// </summary>
internal sealed class PgVaultStorage : IVaultStorage
{
    /// <summary>The advisory lock class of vault writes ("Vaul"); the object id is a hash of the agency.</summary>
    public const int LockClass = 0x5661756c;

    private const int PageSize = 200;
    private const string ReportColumns = "doc";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _agency;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public PgVaultStorage(NpgsqlDataSource dataSource, string agencyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(agencyId);
        _dataSource = dataSource;
        _agency = agencyId;
        ReceiptFailures = new PgReceiptFailures(dataSource, agencyId);
        Grants = new PgReporterGrants(dataSource, agencyId);
    }

    public string FilePath => $"PostgreSQL vault tables (agency {_agency})";

    public IReceiptFailureLedger ReceiptFailures { get; }

    public IReporterGrants Grants { get; }

    public T Read<T>(Func<IVaultReads, T> read)
    {
        using var connection = _dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
        var result = read(new Transaction(connection, transaction, _agency));
        transaction.Commit();
        return result;
    }

    public async Task<T> WriteAsync<T>(Func<IVaultTransaction, T> write)
    {
        // One write of this node at a time (in order, as on vault.db); the advisory lock orders them with other nodes'.
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                using var connection = _dataSource.OpenConnection();
                using var transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
                using (var command = new NpgsqlCommand("select pg_advisory_xact_lock(@class, hashtext(@agency))", connection, transaction))
                {
                    command.Parameters.AddWithValue("class", LockClass);
                    command.Parameters.AddWithValue("agency", _agency);
                    command.ExecuteNonQuery();
                }

                var result = write(new Transaction(connection, transaction, _agency));
                transaction.Commit();
                return result;
            }).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task WriteAsync(Action<IVaultTransaction> write) => WriteAsync(t =>
    {
        write(t);
        return true;
    });

    /// <summary>
    /// VACUUM of the vault's tables, so the dead row versions a deletion left (wrapped keys, ciphertext) are pruned from
    /// the table files now rather than whenever autovacuum comes. Copies made before (WAL not yet recycled, replicas'
    /// history, backups) still hold them, wrapped by the KEK of that time: what makes a deleted report unreadable there
    /// is the KEK's rotation (README "Protection on PostgreSQL").
    /// </summary>
    public async Task CompactAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand("vacuum " + string.Join(", ", PgVaultSchema.Tables), connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>A database is backed up as a whole (pg_dump, base backups), not one agency's vault to a file.</summary>
    public Task CopyToAsync(string path) => throw new NotSupportedException(
        "The vault is in PostgreSQL: back it up with the database (pg_dump or a base backup), encrypted, and the KEK apart from it.");

    public bool IsFailure(Exception exception) => exception is NpgsqlException;

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string ToJson<T>(T document) => JsonSerializer.Serialize(document, Json);

    private static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException("An empty vault record.");

    /// <summary>Reads and writes of one transaction (a write's, or a read's snapshot) on one agency's rows.</summary>
    private sealed class Transaction(NpgsqlConnection connection, NpgsqlTransaction transaction, string agency) : IVaultTransaction
    {
        public ReportDocument? FindReport(string id) =>
            One<ReportDocument>("select doc from vault_reports where agency_id = @agency and id = @id", ("id", id));

        public ReportDocument? FindReportByReceiptTag(string tag) =>
            One<ReportDocument>("select doc from vault_reports where agency_id = @agency and receipt_tag = @tag limit 1", ("tag", tag));

        public ReportDocument? FindReportByPendingTag(string tag) =>
            One<ReportDocument>("select doc from vault_reports where agency_id = @agency and pending_tag = @tag limit 1", ("tag", tag));

        public IEnumerable<ReportDocument> ListReportsNewestFirst()
        {
            // Keyset pages: nothing stays open between pages, so the caller may read other things meanwhile.
            DateTime? createdAt = null;
            var id = "";
            while (true)
            {
                var page = Rows(
                    "select created_at, id, " + ReportColumns + " from vault_reports where agency_id = @agency and not purged" +
                    (createdAt is null ? "" : " and (created_at, id) < (@c, @i)") + " order by created_at desc, id desc limit " + PageSize,
                    r => (At: r.GetDateTime(0), Id: r.GetString(1), Doc: FromJson<ReportDocument>(r.GetString(2))),
                    ("c", createdAt ?? DateTime.MinValue), ("i", id));
                foreach (var row in page)
                {
                    yield return row.Doc;
                }

                if (page.Count < PageSize)
                {
                    yield break;
                }

                (createdAt, id) = (page[^1].At, page[^1].Id);
            }
        }

        public IReadOnlyList<string> ListLiveReportIds() =>
            Rows("select id from vault_reports where agency_id = @agency and not purged", r => r.GetString(0));

        public IReadOnlyList<ReportDocument> ListRetainedUntil(DateTime until) =>
            Rows("select doc from vault_reports where agency_id = @agency and not purged and retain_until <= @until order by retain_until, id",
                r => FromJson<ReportDocument>(r.GetString(0)), ("until", until));

        public IReadOnlyList<string> ListPendingFiledBefore(DateTime before) =>
            Rows("select id from vault_reports where agency_id = @agency and pending_tag is not null and created_at < @before order by created_at",
                r => r.GetString(0), ("before", before));

        public int CountPending() =>
            (int)Scalar("select count(*) from vault_reports where agency_id = @agency and pending");

        public IReadOnlyList<PlainReport> ListPlainFiled(DateTime from, DateTime through) =>
            // Plain fields only, projected inside PostgreSQL: no ciphertext leaves the server.
            Rows("""
                select id, created_at, doc->>'Channel', doc->>'Outcome',
                       coalesce((select jsonb_agg(jsonb_build_array(h->'At', h->'To')) from jsonb_array_elements(doc->'History') h), '[]'::jsonb)::text
                from vault_reports where agency_id = @agency and created_at between @from and @through
                """,
                r => new PlainReport(r.GetString(0), Utc(r.GetDateTime(1)), Enum.Parse<ReportChannel>(r.GetString(2)),
                    r.IsDBNull(3) ? null : Enum.Parse<ReportOutcome>(r.GetString(3)),
                    [.. JsonSerializer.Deserialize<JsonElement[][]>(r.GetString(4), Json)!.Select(h => (Utc(h[0].GetDateTime()), Enum.Parse<ReportStatus>(h[1].GetString()!)))]),
                ("from", from), ("through", through));

        public BlobDocument? FindBlob(string id) =>
            Rows("select id, report_id, data from vault_blobs where agency_id = @agency and id = @id", Blob, ("id", id)).FirstOrDefault();

        public IReadOnlyList<BlobDocument> ListBlobsOf(string reportId) =>
            Rows("select id, report_id, data from vault_blobs where agency_id = @agency and report_id = @report", Blob, ("report", reportId));

        public DraftDocument? FindDraft(string id) =>
            One<DraftDocument>("select doc from vault_drafts where agency_id = @agency and id = @id", ("id", id));

        public BlobDocument? FindDraftBlob(string id) =>
            Rows("select id, draft_id, data from vault_draft_blobs where agency_id = @agency and id = @id", Blob, ("id", id)).FirstOrDefault();

        public int CountDrafts() => (int)Scalar("select count(*) from vault_drafts where agency_id = @agency");

        public MetaDocument? FindMeta(string id) =>
            Rows("select id, value, text from vault_meta where agency_id = @agency and id = @id",
                r => new MetaDocument { Id = r.GetString(0), Value = r.GetInt64(1), Text = r.IsDBNull(2) ? null : r.GetString(2) }, ("id", id)).FirstOrDefault();

        public VaultKeyDocument? FindKey(string id) =>
            One<VaultKeyDocument>("select doc from vault_keys where agency_id = @agency and id = @id", ("id", id));

        public IReadOnlyList<VaultKeyDocument> ListKeys() =>
            Rows("select doc from vault_keys where agency_id = @agency order by id", r => FromJson<VaultKeyDocument>(r.GetString(0)));

        public AuditDocument? LastAudit() =>
            One<AuditDocument>("select doc from vault_audit where agency_id = @agency order by seq desc limit 1");

        public IEnumerable<AuditDocument> ListAudit() => AuditPages(newestFirst: false);

        public IEnumerable<AuditDocument> ListAuditNewestFirst() => AuditPages(newestFirst: true);

        public IReadOnlyList<string> ListAllReportIds() =>
            Rows("select id from vault_reports where agency_id = @agency order by id", r => r.GetString(0));

        public IReadOnlyList<string> ListDraftIds() =>
            Rows("select id from vault_drafts where agency_id = @agency order by id", r => r.GetString(0));

        public IReadOnlyList<BlobDocument> ListDraftBlobsOf(string draftId) =>
            Rows("select id, draft_id, data from vault_draft_blobs where agency_id = @agency and draft_id = @draft", Blob, ("draft", draftId));

        public IReadOnlyList<MetaDocument> ListMeta() =>
            Rows("select id, value, text from vault_meta where agency_id = @agency order by id",
                r => new MetaDocument { Id = r.GetString(0), Value = r.GetInt64(1), Text = r.IsDBNull(2) ? null : r.GetString(2) });

        public void InsertReport(ReportDocument report) => Execute("""
            insert into vault_reports (agency_id, id, created_at, retain_until, purged, pending, receipt_tag, pending_tag, doc)
            values (@agency, @id, @created, @retain, @purged, @pending, @receipt, @pendingTag, @doc)
            """, ReportParameters(report));

        public void UpdateReport(ReportDocument report)
        {
            var changed = Execute("""
                update vault_reports set created_at = @created, retain_until = @retain, purged = @purged, pending = @pending,
                    receipt_tag = @receipt, pending_tag = @pendingTag, doc = @doc
                where agency_id = @agency and id = @id
                """, ReportParameters(report));
            if (changed == 0)
            {
                throw new InvalidOperationException("No such report to update.");
            }
        }

        public void InsertBlobs(IReadOnlyList<BlobDocument> blobs)
        {
            foreach (var blob in blobs)
            {
                Execute("insert into vault_blobs (agency_id, id, report_id, data) values (@agency, @id, @owner, @data)",
                    ("id", blob.Id), ("owner", blob.ReportId), ("data", blob.Data));
            }
        }

        public void DeleteBlobsOf(string reportId) =>
            Execute("delete from vault_blobs where agency_id = @agency and report_id = @report", ("report", reportId));

        public void UpsertDraft(DraftDocument draft) => Execute("""
            insert into vault_drafts (agency_id, id, touched_at, doc) values (@agency, @id, @touched, @doc)
            on conflict (agency_id, id) do update set touched_at = excluded.touched_at, doc = excluded.doc
            """, ("id", draft.Id), ("touched", draft.TouchedAt), ("doc", new JsonDoc(ToJson(draft))));

        public bool DeleteDraft(string id)
        {
            Execute("delete from vault_draft_blobs where agency_id = @agency and draft_id = @id", ("id", id));
            return Execute("delete from vault_drafts where agency_id = @agency and id = @id", ("id", id)) > 0;
        }

        public IReadOnlyList<string> ListDraftsTouchedBefore(DateTime before) =>
            Rows("select id from vault_drafts where agency_id = @agency and touched_at < @before", r => r.GetString(0), ("before", before));

        public void InsertDraftBlob(BlobDocument blob) =>
            Execute("insert into vault_draft_blobs (agency_id, id, draft_id, data) values (@agency, @id, @owner, @data)",
                ("id", blob.Id), ("owner", blob.ReportId), ("data", blob.Data));

        public void DeleteDraftBlob(string id) => Execute("delete from vault_draft_blobs where agency_id = @agency and id = @id", ("id", id));

        public void UpsertMeta(MetaDocument meta) => Execute("""
            insert into vault_meta (agency_id, id, value, text) values (@agency, @id, @value, @text)
            on conflict (agency_id, id) do update set value = excluded.value, text = excluded.text
            """, ("id", meta.Id), ("value", meta.Value), ("text", meta.Text));

        public void InsertKey(VaultKeyDocument key) =>
            Execute("insert into vault_keys (agency_id, id, doc) values (@agency, @id, @doc)", ("id", key.Id), ("doc", new JsonDoc(ToJson(key))));

        public void UpdateKey(VaultKeyDocument key) =>
            Execute("update vault_keys set doc = @doc where agency_id = @agency and id = @id", ("id", key.Id), ("doc", new JsonDoc(ToJson(key))));

        public void InsertAudit(AuditDocument entry) =>
            Execute("insert into vault_audit (agency_id, seq, doc) values (@agency, @seq, @doc)", ("seq", entry.Id), ("doc", new JsonDoc(ToJson(entry))));

        private IEnumerable<AuditDocument> AuditPages(bool newestFirst)
        {
            long? after = null;
            while (true)
            {
                var page = Rows(
                    "select seq, doc from vault_audit where agency_id = @agency" +
                    (after is null ? "" : newestFirst ? " and seq < @after" : " and seq > @after") +
                    " order by seq " + (newestFirst ? "desc" : "asc") + " limit " + PageSize,
                    r => (Seq: r.GetInt64(0), Doc: FromJson<AuditDocument>(r.GetString(1))), ("after", after ?? 0L));
                foreach (var row in page)
                {
                    yield return row.Doc;
                }

                if (page.Count < PageSize)
                {
                    yield break;
                }

                after = page[^1].Seq;
            }
        }

        private static (string, object?)[] ReportParameters(ReportDocument report) =>
        [
            ("id", report.Id), ("created", report.CreatedAt), ("retain", report.RetainUntil), ("purged", report.Purged),
            ("pending", report.PendingTag is not null || report.PendingReceipt is not null), ("receipt", report.ReceiptTag),
            ("pendingTag", report.PendingTag), ("doc", new JsonDoc(ToJson(report))),
        ];

        private static BlobDocument Blob(NpgsqlDataReader r) => new() { Id = r.GetString(0), ReportId = r.GetString(1), Data = (byte[])r[2] };

        private T? One<T>(string sql, params (string Name, object? Value)[] parameters)
            where T : class =>
            Rows(sql, r => FromJson<T>(r.GetString(0)), parameters).FirstOrDefault();

        private List<T> Rows<T>(string sql, Func<NpgsqlDataReader, T> map, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        private long Scalar(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        private int Execute(string sql, params (string Name, object? Value)[] parameters)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }

        private NpgsqlCommand Command(string sql, (string Name, object? Value)[] parameters)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("agency", agency);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.Add(Parameter(name, value));
            }

            return command;
        }
    }

    /// <summary>A jsonb parameter's text (so it is not sent as a plain text parameter).</summary>
    private sealed record JsonDoc(string Text);

    internal static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        DateTime time => new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = Utc(time) },
        DateTimeOffset time => new NpgsqlParameter<DateTime>(name, NpgsqlDbType.TimestampTz) { TypedValue = time.UtcDateTime },
        JsonDoc json => new NpgsqlParameter<string>(name, NpgsqlDbType.Jsonb) { TypedValue = json.Text },
        byte[] bytes => new NpgsqlParameter<byte[]>(name, NpgsqlDbType.Bytea) { TypedValue = bytes },
        string text => new NpgsqlParameter<string>(name, NpgsqlDbType.Text) { TypedValue = text },
        null => new NpgsqlParameter(name, DBNull.Value),
        _ => new NpgsqlParameter(name, value),
    };

    /// <summary>Every time the vault keeps is UTC (an unspecified kind is taken as UTC, as LiteDB's UtcDate does).</summary>
    internal static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
