using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Cases.PostgreSql;

/// <summary>
/// Cases in PostgreSQL ("cases", "case_facts", "case_counters"; see <see cref="CasesPostgreSqlSchema"/>). Reads take a
/// pooled connection of their own and see committed data; writes run in the unit of work's transaction, a case, its facts
/// and its counter in one round trip. Every statement names the agency.
/// </summary>
internal sealed class PostgreSqlCaseStore(NpgsqlDataSource dataSource, AgencyContext agency) : ICaseStore
{
    private const string Record = "select record::text from cases where agency_id = @agency";

    private const string Newest = " order by created_at desc, id desc";

    private static readonly string UpsertFact =
        $"insert into case_facts ({CaseRows.FactColumns}) values ({CaseRows.FactValues}) "
        + "on conflict (agency_id, created_at, case_id) do update set number = excluded.number, category_id = excluded.category_id, "
        + "department = excluded.department, channel = excluded.channel, acknowledge_by = excluded.acknowledge_by, "
        + "acknowledged_at = excluded.acknowledged_at, answer_by = excluded.answer_by, answered_at = excluded.answered_at, "
        + "closed_at = excluded.closed_at, rating_score = excluded.rating_score, rated_at = excluded.rated_at, "
        + "status_at = excluded.status_at, status = excluded.status";

    private const string RaiseCounter =
        "insert into case_counters (agency_id, fiscal_year, last_sequence) values (@agency, @year, @sequence) "
        + "on conflict (agency_id, fiscal_year) do update set last_sequence = greatest(case_counters.last_sequence, excluded.last_sequence)";

    /// <summary>
    /// One row per agency and year, updated in a statement of its own that commits at once (its row lock is held for that
    /// statement only); it starts above the committed counter, so numbers written by an import or a migration are never
    /// handed out again.
    /// </summary>
    private const string Reserve =
        "insert into case_number_reservations as r (agency_id, fiscal_year, last_sequence) "
        + "values (@agency, @year, coalesce((select last_sequence from case_counters where agency_id = @agency and fiscal_year = @year), 0) + @count) "
        + "on conflict (agency_id, fiscal_year) do update set last_sequence = greatest(r.last_sequence, "
        + "coalesce((select last_sequence from case_counters where agency_id = @agency and fiscal_year = @year), 0)) + @count "
        + "returning last_sequence";

    private static readonly string UpdateCase =
        "update cases set number = @number, fiscal_year = @fiscal_year, sequence = @sequence, category_id = @category_id, "
        + "department = @department, channel = @channel, status = @status, assignee_id = @assignee_id, "
        + "citizen_line_user_id = @citizen_line_user_id, contact_phone = @contact_phone, created_at = @created_at, closed_at = @closed_at, "
        + "open_due = @open_due, personal_data = @personal_data, anonymised = @anonymised, photos = @photos, version = @version, record = @record "
        + "where agency_id = @agency and id = @id";

    public CaseRecord? Get(string id) => ReadOne(Read(Record + " and id = @id").With("id", id));

    public CaseRecord? GetByNumber(string number) => ReadOne(Read(Record + " and number = @number").With("number", number.Trim()));

    public IReadOnlyList<CaseRecord> ListForCitizen(string lineUserId, int limit) =>
        ReadMany(Read(Record + " and citizen_line_user_id = @citizen" + Newest + " limit @limit").With("citizen", lineUserId).With("limit", limit));

    /// <summary>
    /// One query: the filters given, newest first, the page and one row more (to know whether there is a next page). Each
    /// filter has an index ordered by filing time, so the cost follows the page, not the table.
    /// </summary>
    public CasePage List(CaseFilter filter, int page, int pageSize, DateTime now)
    {
        var sql = new System.Text.StringBuilder(Record);
        var parameters = new List<(string Name, object? Value)>();
        void Where(string condition, string name, object? value)
        {
            sql.Append(" and ").Append(condition);
            parameters.Add((name, value));
        }

        if (!string.IsNullOrWhiteSpace(filter.Number))
        {
            var numbers = CaseNumbers.Candidates(filter.Number, NumberedFiscalYears());
            if (numbers.Count == 0)
            {
                return new CasePage([], page, pageSize, false);
            }

            Where("number = any(@numbers)", "numbers", numbers.ToArray());
        }

        if (filter.Status is { } status)
        {
            Where("status = @status", "status", status.ToString());
        }

        if (filter.CategoryId is { } category)
        {
            Where("category_id = @category", "category", category);
        }

        if (filter.Department is { } department)
        {
            Where("department = @department", "department", department);
        }

        if (filter.Channel is { } channel)
        {
            Where("channel = @channel", "channel", channel.ToString());
        }

        if (filter.AssigneeId is { } assignee)
        {
            Where("assignee_id = @assignee", "assignee", assignee);
        }

        if (filter.OverdueOnly)
        {
            // open_due is null once a case is closed: only open cases can be overdue.
            Where("open_due < @now", "now", now);
        }

        sql.Append(Newest).Append(" limit @take offset @skip");
        var command = Read(sql.ToString()).With("take", pageSize + 1).With("skip", (long)(page - 1) * pageSize);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        var rows = ReadMany(command);
        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new CasePage(rows, page, pageSize, hasMore);
    }

    public IReadOnlyList<CaseRecord> ListOpen() => ReadMany(Read(Record + " and open_due is not null"));

    public int CountCreatedSince(DateTime sinceUtc, string department) =>
        (int)Read("select count(*) from cases where agency_id = @agency and department = @department and created_at >= @since")
            .With("department", department).With("since", sinceUtc).Scalar();

    public IReadOnlyList<CaseRecord> ListForSubject(string? lineUserId, string? phone)
    {
        if (string.IsNullOrEmpty(lineUserId) && string.IsNullOrEmpty(phone))
        {
            return [];
        }

        return ReadMany(Read(Record + " and (citizen_line_user_id = @citizen or contact_phone = @phone)" + Newest)
            .With("citizen", string.IsNullOrEmpty(lineUserId) ? null : lineUserId)
            .With("phone", string.IsNullOrEmpty(phone) ? null : phone));
    }

    public IReadOnlyList<CaseRecord> ListExpired(DateTime closedBefore, bool photosOnly, int limit) =>
        ReadMany(Read(Record + " and closed_at < @before and open_due is null and "
                + (photosOnly ? "photos > 0" : "not anonymised") + " order by closed_at, id limit @limit")
            .With("before", closedBefore).With("limit", limit));

    public CaseCensus Census()
    {
        using var command = Read("select count(*), count(*) filter (where personal_data), coalesce(sum(photos), 0) from cases where agency_id = @agency");
        using var reader = command.ExecuteReader();
        reader.Read();
        return new CaseCensus((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2));
    }

    public int LastSequence(int fiscalYear) =>
        (int)Read("select last_sequence from case_counters where agency_id = @agency and fiscal_year = @year").With("year", fiscalYear).Scalar();

    public int ReserveSequences(int fiscalYear, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)Read(Reserve).With("year", fiscalYear).With("count", count).Scalar() - count + 1;
    }

    public CaseRecord? Find(IUnitOfWork work, string id) =>
        ReadOne(work.Pg().Command(Record + " and id = @id").With("agency", agency.Id).With("id", id));

    public void Insert(IUnitOfWork work, CaseRecord record)
    {
        var pg = work.Pg();
        using var batch = new NpgsqlBatch(pg.Connection, pg.Transaction);
        batch.BatchCommands.Add(CaseCommand($"insert into cases ({CaseRows.CaseColumns}) values ({CaseRows.CaseValues})", record));
        batch.BatchCommands.Add(FactCommand(record));
        batch.BatchCommands.Add(CounterCommand(record.FiscalYear, record.Sequence));
        batch.ExecuteNonQuery();
    }

    /// <summary>Binary COPY of the cases and their facts, then one counter raise per fiscal year: a seeded year is mostly this.</summary>
    public void InsertMany(IUnitOfWork work, IReadOnlyList<CaseRecord> records)
    {
        var connection = work.Pg().Connection;
        using (var copy = connection.BeginBinaryImport($"copy cases ({CaseRows.CaseColumns}) from stdin (format binary)"))
        {
            foreach (var c in records)
            {
                CaseRows.WriteCase(copy, agency.Id, c);
            }

            copy.Complete();
        }

        InsertFactsOnly(work, records);
    }

    public void InsertFactsOnly(IUnitOfWork work, IReadOnlyList<CaseRecord> records)
    {
        var pg = work.Pg();
        using (var copy = pg.Connection.BeginBinaryImport($"copy case_facts ({CaseRows.FactColumns}) from stdin (format binary)"))
        {
            foreach (var c in records)
            {
                CaseRows.WriteFact(copy, agency.Id, CaseFacts.From(c));
            }

            copy.Complete();
        }

        using var batch = new NpgsqlBatch(pg.Connection, pg.Transaction);
        foreach (var year in records.GroupBy(c => c.FiscalYear))
        {
            batch.BatchCommands.Add(CounterCommand(year.Key, year.Max(c => c.Sequence)));
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.ExecuteNonQuery();
        }
    }

    public void Update(IUnitOfWork work, CaseRecord after)
    {
        var pg = work.Pg();
        using var batch = new NpgsqlBatch(pg.Connection, pg.Transaction);
        batch.BatchCommands.Add(CaseCommand(UpdateCase, after));
        batch.BatchCommands.Add(FactCommand(after));
        batch.ExecuteNonQuery();
    }

    public void ReplaceKeepingFacts(IUnitOfWork work, CaseRecord stripped)
    {
        using var command = work.Pg().Command(UpdateCase);
        CaseRows.AddCaseParameters(command.Parameters, agency.Id, stripped);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One query over the primary key's range, streamed: Npgsql hands rows over as they arrive, so a year of a million
    /// facts is never held at once. The connection stays open until the caller stops reading.
    /// </summary>
    public IEnumerable<CaseFact> ScanFacts(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        using var command = Read($"select {CaseRows.FactReadColumns} from case_facts where agency_id = @agency and created_at >= @from and created_at < @to "
            + "order by created_at, case_id").With("from", fromUtc).With("to", toUtc);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return CaseRows.ReadFact(reader);
        }
    }

    public CaseFact? FindFacts(CaseRecord c)
    {
        using var command = Read($"select {CaseRows.FactReadColumns} from case_facts where agency_id = @agency and created_at = @created and case_id = @id")
            .With("created", c.CreatedAt).With("id", c.Id);
        return command.ReadFirst(CaseRows.ReadFact);
    }

    /// <summary>This store writes a case and its facts in one statement batch, always: nothing to fill in.</summary>
    public Task WhenFactsCompleteAsync() => Task.CompletedTask;

    /// <summary>A read on a pooled connection of its own, the agency parameter added.</summary>
    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private List<int> NumberedFiscalYears() =>
        Read("select fiscal_year from case_counters where agency_id = @agency").ReadAll(r => r.GetInt32(0));

    private NpgsqlBatchCommand CaseCommand(string sql, CaseRecord c)
    {
        var command = new NpgsqlBatchCommand(sql);
        CaseRows.AddCaseParameters(command.Parameters, agency.Id, c);
        return command;
    }

    private NpgsqlBatchCommand FactCommand(CaseRecord c)
    {
        var command = new NpgsqlBatchCommand(UpsertFact);
        CaseRows.AddFactParameters(command.Parameters, agency.Id, CaseFacts.From(c));
        return command;
    }

    private NpgsqlBatchCommand CounterCommand(int fiscalYear, int sequence)
    {
        var command = new NpgsqlBatchCommand(RaiseCounter);
        command.Parameters.Add(new NpgsqlParameter<string>("agency", agency.Id));
        command.Parameters.Add(new NpgsqlParameter<int>("year", fiscalYear));
        command.Parameters.Add(new NpgsqlParameter<int>("sequence", sequence));
        return command;
    }

    private static CaseRecord? ReadOne(NpgsqlCommand command)
    {
        using (command)
        {
            return command.ReadFirst(r => CaseRows.FromJson(r.GetString(0)));
        }
    }

    private static List<CaseRecord> ReadMany(NpgsqlCommand command)
    {
        using (command)
        {
            return command.ReadAll(r => CaseRows.FromJson(r.GetString(0)));
        }
    }
}
