using System.Text.Json;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using Npgsql;

namespace ItaBot.Staff.PostgreSql;

/// <summary>
/// Staff accounts ("staff") and departments ("departments") in PostgreSQL. Reads see committed data on a pooled
/// connection of their own; a versioned change locks the row it read (<c>for update</c>), so of two nodes changing one
/// account from the same version, the second finds the new version and is refused.
/// </summary>
internal sealed class PostgreSqlStaffStore(NpgsqlDataSource dataSource, IStoreWriter writer, AgencyContext agency) : IStaffStore
{
    private const string Account = "select record::text from staff where agency_id = @agency";

    private const string Department = "select id, name, head, active, version from departments where agency_id = @agency";

    public bool Any() => Read("select exists (select 1 from staff where agency_id = @agency)").ExecuteScalar() is true;

    public IReadOnlyList<StaffAccount> List() => Accounts(Read(Account + " order by disabled, user_name"));

    public StaffAccount? Find(string id) => Accounts(Read(Account + " and id = @id").With("id", id)).FirstOrDefault();

    public StaffAccount? FindByUserName(string userName) =>
        Accounts(Read(Account + " and user_name = @user_name").With("user_name", StaffRules.NormalizeUserName(userName))).FirstOrDefault();

    public IReadOnlyList<StaffAccount> FindByLineUserId(string lineUserId) => Accounts(Read(Account + " and line_user_id = @line").With("line", lineUserId));

    public IReadOnlyList<StaffAccount> ListByDepartment(string department) =>
        Accounts(Read(Account + " and department = @department").With("department", department));

    public IReadOnlyList<StaffAccount> ListByRole(StaffRole role) => Accounts(Read(Account + " and role = @role").With("role", role.ToString()));

    public IReadOnlyList<StaffAccount> PendingLinkCodes(DateTime now) =>
        [.. Accounts(Read(Account + " and link_code_expires_at > @now and not disabled").With("now", now)).Where(a => a.LinkCodeHash is not null)];

    public Task<StaffChange> CreateAsync(StaffAccount account)
    {
        var stored = account with { UserName = StaffRules.NormalizeUserName(account.UserName), Version = 1 };
        return writer.WriteAsync(work =>
            Write(work, "insert into staff (agency_id, id, user_name, department, line_user_id, role, disabled, link_code_expires_at, version, record) "
                + "values (@agency, @id, @user_name, @department, @line_user_id, @role, @disabled, @link_code_expires_at, @version, @record) "
                + "on conflict (agency_id, user_name) do nothing", stored) == 1
                ? StaffChange.Done
                : StaffChange.Duplicate);
    }

    public Task<(StaffChange Result, StaffAccount? Account)> UpdateAsync(string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change) =>
        writer.WriteAsync(work => Update(work, id, expectedVersion, change));

    public (StaffChange Result, StaffAccount? Account) Update(IUnitOfWork work, string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change)
    {
        var current = Accounts(work.Pg().Command(Account + " and id = @id for update").With("agency", agency.Id).With("id", id)).FirstOrDefault();
        if (current is null)
        {
            return (StaffChange.NotFound, null);
        }

        if (expectedVersion is { } expected && current.Version != expected)
        {
            return (StaffChange.Conflict, current);
        }

        var next = change(current) with { Id = current.Id, UserName = current.UserName, Version = current.Version + 1 };
        Write(work, "update staff set department = @department, line_user_id = @line_user_id, role = @role, disabled = @disabled, "
            + "link_code_expires_at = @link_code_expires_at, version = @version, record = @record where agency_id = @agency and id = @id", next);
        return (StaffChange.Done, next);
    }

    public StaffAccount? Find(IUnitOfWork work, string id) =>
        Accounts(work.Pg().Command(Account + " and id = @id").With("agency", agency.Id).With("id", id)).FirstOrDefault();

    public IReadOnlyList<StaffAccount> FindByLineUserId(IUnitOfWork work, string lineUserId) =>
        Accounts(work.Pg().Command(Account + " and line_user_id = @line").With("agency", agency.Id).With("line", lineUserId));

    public IReadOnlyList<Department> ListDepartments() => Read(Department + " order by not active, name").ReadAll(ToDepartment);

    public Department? FindDepartment(string id) => Read(Department + " and id = @id").With("id", id).ReadFirst(ToDepartment);

    /// <summary>Seeds under a lock of the agency's departments, so two nodes starting at once seed one set.</summary>
    public Task<int> SeedDepartmentsAsync(IReadOnlyList<Department> departments) => writer.WriteAsync(work =>
    {
        work.Pg().Command("select pg_advisory_xact_lock(hashtext('departments:' || @agency))").With("agency", agency.Id).ExecuteNonQuery();
        if (work.Pg().Command("select exists (select 1 from departments where agency_id = @agency)").With("agency", agency.Id).ExecuteScalar() is true)
        {
            return 0;
        }

        return departments.Sum(d => InsertDepartment(work, d));
    });

    public Task<StaffChange> AddDepartmentAsync(Department department) =>
        writer.WriteAsync(work => InsertDepartment(work, department) == 1 ? StaffChange.Done : StaffChange.Duplicate);

    public Task<StaffChange> UpdateDepartmentAsync(string id, int expectedVersion, Func<Department, Department> change) => writer.WriteAsync(work =>
    {
        var current = work.Pg().Command(Department + " and id = @id for update").With("agency", agency.Id).With("id", id).ReadFirst(ToDepartment);
        if (current is null)
        {
            return StaffChange.NotFound;
        }

        if (current.Version != expectedVersion)
        {
            return StaffChange.Conflict;
        }

        var next = change(current) with { Id = current.Id, Version = current.Version + 1 };
        work.Pg().Command("update departments set name = @name, head = @head, active = @active, version = @version where agency_id = @agency and id = @id")
            .With("agency", agency.Id).With("id", id).With("name", next.Name).With("head", next.Head).With("active", next.Active).With("version", next.Version)
            .ExecuteNonQuery();
        return StaffChange.Done;
    });

    private int InsertDepartment(IUnitOfWork work, Department d) =>
        work.Pg().Command("insert into departments (agency_id, id, name, head, active, version) values (@agency, @id, @name, @head, @active, 1) "
                + "on conflict (agency_id, id) do nothing")
            .With("agency", agency.Id).With("id", d.Id).With("name", d.Name).With("head", d.Head).With("active", d.Active)
            .ExecuteNonQuery();

    private int Write(IUnitOfWork work, string sql, StaffAccount a) =>
        work.Pg().Command(sql)
            .With("agency", agency.Id).With("id", a.Id).With("user_name", a.UserName).With("department", a.Department)
            .With("line_user_id", a.LineUserId).With("role", a.Role.ToString()).With("disabled", a.Disabled)
            .With("link_code_expires_at", a.LinkCodeExpiresAt).With("version", a.Version)
            .WithJson("record", JsonSerializer.Serialize(a, StaffJson.Default.StaffAccount))
            .ExecuteNonQuery();

    private NpgsqlCommand Read(string sql) => dataSource.CreateCommand(sql).With("agency", agency.Id);

    private static List<StaffAccount> Accounts(NpgsqlCommand command)
    {
        using (command)
        {
            return command.ReadAll(r => JsonSerializer.Deserialize(r.GetString(0), StaffJson.Default.StaffAccount)
                ?? throw new InvalidDataException("A stored staff account is empty."));
        }
    }

    private static Department ToDepartment(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0), Name = r.GetString(1), Head = r.NullableString(2), Active = r.GetBoolean(3), Version = r.GetInt32(4),
    };
}
