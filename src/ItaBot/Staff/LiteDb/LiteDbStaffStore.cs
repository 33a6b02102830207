using ItaBot.Storage;
using ItaBot.Storage.LiteDb;
using LiteDB;

namespace ItaBot.Staff.LiteDb;

/// <summary>
/// Staff accounts ("staff") and departments ("departments") in the messaging LiteDB file, mapped by a
/// <see cref="BsonMapper"/> of their own (enums as names, dates in UTC). Reads use the database directly; every write goes
/// through the store's one writer.
/// </summary>
internal sealed class LiteDbStaffStore(MessagingStore store) : IStaffStore
{
    public const string StaffCollection = "staff";
    public const string DepartmentCollection = "departments";

    private static readonly BsonMapper Mapper = CreateMapper();

    private ILiteCollection<BsonDocument> Staff => store.Database.GetCollection(StaffCollection);

    private ILiteCollection<BsonDocument> Departments => store.Database.GetCollection(DepartmentCollection);

    public bool Any() => Staff.Count() > 0;

    public IReadOnlyList<StaffAccount> List() =>
        [.. Staff.FindAll().Select(ToAccount).OrderBy(a => a.Disabled).ThenBy(a => a.UserName, StringComparer.Ordinal)];

    public StaffAccount? Find(string id) => Staff.FindById(id) is { } doc ? ToAccount(doc) : null;

    public StaffAccount? FindByUserName(string userName) =>
        Staff.FindOne(Query.EQ(nameof(StaffAccount.UserName), StaffRules.NormalizeUserName(userName))) is { } doc ? ToAccount(doc) : null;

    public IReadOnlyList<StaffAccount> FindByLineUserId(string lineUserId) =>
        [.. Staff.Find(Query.EQ(nameof(StaffAccount.LineUserId), lineUserId)).Select(ToAccount)];

    public IReadOnlyList<StaffAccount> ListByDepartment(string department) =>
        [.. Staff.Find(Query.EQ(nameof(StaffAccount.Department), department)).Select(ToAccount)];

    public IReadOnlyList<StaffAccount> ListByRole(StaffRole role) =>
        [.. Staff.Find(Query.EQ(nameof(StaffAccount.Role), role.ToString())).Select(ToAccount)];

    public IReadOnlyList<StaffAccount> PendingLinkCodes(DateTime now) =>
        [.. Staff.Find(Query.GT(nameof(StaffAccount.LinkCodeExpiresAt), now)).Select(ToAccount).Where(a => !a.Disabled && a.LinkCodeHash is not null)];

    public Task<StaffChange> CreateAsync(StaffAccount account)
    {
        var document = Mapper.ToDocument(account with { UserName = StaffRules.NormalizeUserName(account.UserName), Version = 1 });
        return store.Writer.WriteAsync(work =>
        {
            var staff = work.LiteDb().GetCollection(StaffCollection);
            if (staff.Exists(Query.EQ(nameof(StaffAccount.UserName), document[nameof(StaffAccount.UserName)])))
            {
                return StaffChange.Duplicate;
            }

            staff.Insert(document);
            return StaffChange.Done;
        });
    }

    public Task<(StaffChange Result, StaffAccount? Account)> UpdateAsync(string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change) =>
        store.Writer.WriteAsync(work => Update(work, id, expectedVersion, change));

    public (StaffChange Result, StaffAccount? Account) Update(IUnitOfWork work, string id, int? expectedVersion, Func<StaffAccount, StaffAccount> change)
    {
        var staff = work.LiteDb().GetCollection(StaffCollection);
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

    public StaffAccount? Find(IUnitOfWork work, string id) =>
        work.LiteDb().GetCollection(StaffCollection).FindById(id) is { } doc ? ToAccount(doc) : null;

    public IReadOnlyList<StaffAccount> FindByLineUserId(IUnitOfWork work, string lineUserId) =>
        [.. work.LiteDb().GetCollection(StaffCollection).Find(Query.EQ(nameof(StaffAccount.LineUserId), lineUserId)).Select(ToAccount)];

    public IReadOnlyList<Department> ListDepartments() =>
        [.. Departments.FindAll().Select(ToDepartment).OrderBy(d => !d.Active).ThenBy(d => d.Name, StringComparer.Ordinal)];

    public Department? FindDepartment(string id) => Departments.FindById(id) is { } doc ? ToDepartment(doc) : null;

    public Task<int> SeedDepartmentsAsync(IReadOnlyList<Department> departments)
    {
        var documents = departments.Select(d => Mapper.ToDocument(d with { Version = 1 })).ToList();
        return store.Writer.WriteAsync(work =>
        {
            var collection = work.LiteDb().GetCollection(DepartmentCollection);
            return collection.Count() > 0 ? 0 : collection.InsertBulk(documents);
        });
    }

    public Task<StaffChange> AddDepartmentAsync(Department department)
    {
        var document = Mapper.ToDocument(department with { Version = 1 });
        return store.Writer.WriteAsync(work =>
        {
            var departments = work.LiteDb().GetCollection(DepartmentCollection);
            if (departments.FindById(department.Id) is not null)
            {
                return StaffChange.Duplicate;
            }

            departments.Insert(document);
            return StaffChange.Done;
        });
    }

    public Task<StaffChange> UpdateDepartmentAsync(string id, int expectedVersion, Func<Department, Department> change) =>
        store.Writer.WriteAsync(work =>
        {
            var departments = work.LiteDb().GetCollection(DepartmentCollection);
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
