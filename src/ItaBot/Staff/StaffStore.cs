using System.Security.Cryptography;
using System.Text;
using ItaBot.Content;
using ItaBot.Storage;
using LiteDB;
using ItaBot.Storage.LiteDb;

namespace ItaBot.Staff;

/// <summary>What a change made from a copy of a record came to.</summary>
internal enum StaffChange
{
    Done,
    NotFound,

    /// <summary>Someone changed the record since it was read: nothing was written.</summary>
    Conflict,

    /// <summary>The user name or department id is taken.</summary>
    Duplicate,
}

/// <summary>
/// Staff accounts ("staff") and departments ("departments") in the messaging LiteDB file. Reads use the database
/// directly; every write goes through the store's one writer and names the version it read, so a change from a stale
/// copy is refused instead of overwriting someone else's. Indexes are created by <see cref="MessagingStore"/>.
/// </summary>
internal sealed class StaffStore(MessagingStore store)
{
    public const string StaffCollection = "staff";
    public const string DepartmentCollection = "departments";

    private static readonly BsonMapper Mapper = CreateMapper();

    private ILiteCollection<BsonDocument> Staff => store.Database.GetCollection(StaffCollection);

    private ILiteCollection<BsonDocument> Departments => store.Database.GetCollection(DepartmentCollection);

    /// <summary>User names are kept lower-case: "Somchai" and "somchai" are one account.</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValidUserName(string userName) =>
        userName.Length is >= 3 and <= 32 && userName.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-');

    public bool Any() => Staff.Count() > 0;

    public IReadOnlyList<StaffAccount> List() =>
        [.. Staff.FindAll().Select(ToAccount).OrderBy(a => a.Disabled).ThenBy(a => a.UserName, StringComparer.Ordinal)];

    public StaffAccount? Find(string id) => Staff.FindById(id) is { } doc ? ToAccount(doc) : null;

    public StaffAccount? FindByUserName(string userName) =>
        Staff.FindOne(Query.EQ(nameof(StaffAccount.UserName), NormalizeUserName(userName))) is { } doc ? ToAccount(doc) : null;

    public IReadOnlyList<StaffAccount> FindByLineUserId(string lineUserId) =>
        [.. Staff.Find(Query.EQ(nameof(StaffAccount.LineUserId), lineUserId)).Select(ToAccount)];

    public IReadOnlyList<StaffAccount> ListByDepartment(string department) =>
        [.. Staff.Find(Query.EQ(nameof(StaffAccount.Department), department)).Select(ToAccount)];

    public Task<StaffChange> CreateAsync(StaffAccount account)
    {
        var document = Mapper.ToDocument(account with { UserName = NormalizeUserName(account.UserName), Version = 1 });
        return store.Writer.WriteAsync(db =>
        {
            var staff = db.LiteDb().GetCollection(StaffCollection);
            if (staff.Exists(Query.EQ(nameof(StaffAccount.UserName), document[nameof(StaffAccount.UserName)])))
            {
                return StaffChange.Duplicate;
            }

            staff.Insert(document);
            return StaffChange.Done;
        });
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored account if it is still at <paramref name="expectedVersion"/>
    /// (null: whatever version is stored, for changes that recompute from the stored copy, like counting a failed
    /// sign-in). The change runs on the writer thread against the stored copy.
    /// </summary>
    public Task<(StaffChange Result, StaffAccount? Account)> UpdateAsync(string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change) =>
        store.Writer.WriteAsync(db => Update(db.LiteDb(), id, expectedVersion, change));

    /// <summary>The same as <see cref="UpdateAsync"/>, as a write to join another commit (a bot turn).</summary>
    public static (StaffChange Result, StaffAccount? Account) Update(LiteDatabase db, string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change)
    {
        var staff = db.GetCollection(StaffCollection);
        if (staff.FindById(id) is not { } doc)
        {
            return (StaffChange.NotFound, null);
        }

        var current = ToAccount(doc);
        if (expectedVersion is { } expected && current.Version != expected)
        {
            return (StaffChange.Conflict, current);
        }

        var next = change(current) with { Id = current.Id, UserName = current.UserName, Version = current.Version + 1 };
        staff.Update(Mapper.ToDocument(next));
        return (StaffChange.Done, next);
    }

    public static string NewStamp() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    // ---- departments ----

    public IReadOnlyList<Department> ListDepartments() =>
        [.. Departments.FindAll().Select(ToDepartment).OrderBy(d => !d.Active).ThenBy(d => d.Name, StringComparer.Ordinal)];

    public Department? FindDepartment(string id) => Departments.FindById(id) is { } doc ? ToDepartment(doc) : null;

    /// <summary>At first start (no departments yet) the content pack's units become the departments.</summary>
    public Task<int> SeedDepartmentsAsync(IEnumerable<Unit> units)
    {
        var documents = units.Select(u => Mapper.ToDocument(new Department { Id = u.Id, Name = u.Name, Head = u.Head, Version = 1 })).ToList();
        return store.Writer.WriteAsync(db =>
        {
            var departments = db.LiteDb().GetCollection(DepartmentCollection);
            return departments.Count() > 0 ? 0 : departments.InsertBulk(documents);
        });
    }

    public Task<StaffChange> AddDepartmentAsync(Department department)
    {
        var document = Mapper.ToDocument(department with { Version = 1 });
        return store.Writer.WriteAsync(db =>
        {
            var departments = db.LiteDb().GetCollection(DepartmentCollection);
            if (departments.FindById(department.Id) is not null)
            {
                return StaffChange.Duplicate;
            }

            departments.Insert(document);
            return StaffChange.Done;
        });
    }

    public Task<StaffChange> UpdateDepartmentAsync(string id, int expectedVersion, Func<Department, Department> change) =>
        store.Writer.WriteAsync(db =>
        {
            var departments = db.LiteDb().GetCollection(DepartmentCollection);
            if (departments.FindById(id) is not { } doc)
            {
                return StaffChange.NotFound;
            }

            var current = ToDepartment(doc);
            if (current.Version != expectedVersion)
            {
                return StaffChange.Conflict;
            }

            departments.Update(Mapper.ToDocument(change(current) with { Id = current.Id, Version = current.Version + 1 }));
            return StaffChange.Done;
        });

    // ---- LINE link codes ----

    /// <summary>"salt:HMAC-SHA256(salt, code)": the code itself is never stored.</summary>
    public static string HashLinkCode(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Convert.ToHexStringLower(salt) + ":" + Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.ASCII.GetBytes(code)));
    }

    public static bool LinkCodeMatches(string? stored, string code)
    {
        if (stored?.Split(':') is not [var salt, var hash])
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.ASCII.GetBytes(code));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(hash));
    }

    /// <summary>Accounts with a link code still valid at <paramref name="now"/> (few: codes live ten minutes).</summary>
    public IReadOnlyList<StaffAccount> PendingLinkCodes(DateTime now) =>
        [.. Staff.Find(Query.GT(nameof(StaffAccount.LinkCodeExpiresAt), now)).Select(ToAccount).Where(a => !a.Disabled && a.LinkCodeHash is not null)];

    /// <summary>
    /// The write that links <paramref name="lineUserId"/> to the account whose code it is, checked again inside the
    /// commit (the code is single use: of two turns typing it, one links). The LINE account leaves any other staff
    /// account it was linked to. Returns whether it linked.
    /// </summary>
    public static bool Link(LiteDatabase db, string accountId, string code, string lineUserId, DateTime now)
    {
        var staff = db.GetCollection(StaffCollection);
        if (staff.FindById(accountId) is not { } doc || ToAccount(doc) is not { Disabled: false, LinkCodeExpiresAt: { } until } account
            || until <= now || !LinkCodeMatches(account.LinkCodeHash, code))
        {
            return false;
        }

        Update(db, accountId, account.Version, a => a with { LineUserId = lineUserId, LineLinkedAt = now, LinkCodeHash = null, LinkCodeExpiresAt = null });
        foreach (var other in staff.Find(Query.EQ(nameof(StaffAccount.LineUserId), lineUserId)).Select(ToAccount).Where(o => o.Id != accountId).ToList())
        {
            staff.Update(Mapper.ToDocument(other with { LineUserId = null, LineLinkedAt = null, Version = other.Version + 1 }));
        }

        return true;
    }

    private static StaffAccount ToAccount(BsonDocument doc) => Mapper.ToObject<StaffAccount>(doc);

    private static Department ToDepartment(BsonDocument doc) => Mapper.ToObject<Department>(doc);

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        // LiteDB reads dates back as local time; everything here is UTC.
        mapper.RegisterType(d => new BsonValue(d.ToUniversalTime()), b => b.AsDateTime.ToUniversalTime());
        mapper.Entity<StaffAccount>().Id(a => a.Id, autoId: false).Ignore(a => a.TotpRequired);
        mapper.Entity<Department>().Id(d => d.Id, autoId: false);
        return mapper;
    }
}
