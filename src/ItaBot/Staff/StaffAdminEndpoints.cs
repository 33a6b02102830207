using ItaBot.Shared.Pages;
using ItaBot.Staff.Pages;

namespace ItaBot.Staff;

/// <summary>/staff/admin/staff and /staff/admin/departments: accounts and departments, for admins.</summary>
internal static class StaffAdminEndpoints
{
    private const string ConflictText = "มีผู้แก้ไขข้อมูลนี้ไปก่อนแล้ว ข้อมูลด้านล่างเป็นฉบับล่าสุด กรุณาตรวจสอบแล้วบันทึกอีกครั้งค่ะ";

    public static void Map(RouteGroupBuilder staff)
    {
        var admin = staff.MapGroup("/admin").RequireAuthorization(StaffPolicies.Admin);
        admin.MapGet("/staff", (StaffAccounts accounts) => StaffList(accounts, null));
        admin.MapPost("/staff", CreateAsync);
        admin.MapGet("/staff/{id}", (StaffAccounts accounts, string id) => EditPage(accounts, id, null));
        admin.MapPost("/staff/{id}", UpdateAsync);
        admin.MapPost("/staff/{id}/password", ResetPasswordAsync);
        admin.MapPost("/staff/{id}/totp", ResetTotpAsync);
        admin.MapGet("/departments", (IStaffStore store) => DepartmentsPage(store, null));
        admin.MapPost("/departments", AddDepartmentAsync);
        admin.MapPost("/departments/{id}", UpdateDepartmentAsync);
        staff.MapGet("/agencies", ShowAgencies).RequireAuthorization(StaffPolicies.PlatformAdmin);
    }

    /// <summary>The platform administrator's list of the agencies this deployment serves, with each one's webhook address.</summary>
    private static IResult ShowAgencies(Agencies.AgencyDirectory agencies) =>
        StaffPage.Page<AgenciesPage, AgenciesModel>(new(agencies.All));

    internal sealed record AgenciesModel(IReadOnlyList<Agencies.AgencyInfo> Agencies);

    /// <summary>What an admin page says after an action: a message, or a one-time password just issued (shown once).</summary>
    internal sealed record Notice(PageMessage? Message, IssuedPassword? OneTime = null)
    {
        public static implicit operator Notice(PageMessage message) => new(message);
    }

    internal sealed record IssuedPassword(string UserName, string Password);

    internal sealed record StaffRow(StaffAccount Account, string Department, string Status);

    internal sealed record StaffListModel(IReadOnlyList<StaffRow> Rows, Notice? Notice);

    internal sealed record StaffEditModel(StaffAccount Account, Notice? Notice);

    internal sealed record DepartmentsModel(IReadOnlyList<Department> Departments, Notice? Notice);

    private static IResult StaffList(StaffAccounts accounts, Notice? notice)
    {
        var store = accounts.Store;
        var names = store.ListDepartments().ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var rows = store.List().Select(a => new StaffRow(a, a.Department is { } d ? names.GetValueOrDefault(d, d) : "-",
            a.Disabled ? "ปิดใช้งาน" : accounts.IsLocked(a) ? "ล็อกชั่วคราว" : "ใช้งาน")).ToList();
        return StaffPage.Page<StaffListPage, StaffListModel>(new(rows, notice));
    }

    private static async Task<IResult> CreateAsync(IFormCollection form, StaffAccounts accounts)
    {
        var userName = StaffRules.NormalizeUserName(form["user"].ToString());
        var name = form["name"].ToString().Trim();
        var role = ReadRole(form);
        var (department, ok) = ReadDepartment(form, accounts.Store, role);
        if (!StaffRules.IsValidUserName(userName) || name.Length is 0 or > 100 || role is null || !ok)
        {
            return StaffList(accounts, new PageMessage("กรุณากรอกชื่อผู้ใช้ (3–32 ตัว a-z 0-9 . _ -) ชื่อ บทบาท และหน่วยงาน (เจ้าหน้าที่รับเรื่องต้องมีหน่วยงาน) ให้ถูกต้องค่ะ"));
        }

        var (result, issued) = await accounts.CreateAsync(userName, name, role.Value, department, form["head"] == "on").ConfigureAwait(false);
        return result == StaffChange.Duplicate
            ? StaffList(accounts, new PageMessage("มีชื่อผู้ใช้นี้แล้วค่ะ"))
            : StaffList(accounts, OneTimePassword(issued!.Account, issued.OneTimePassword));
    }

    private static IResult EditPage(StaffAccounts accounts, string id, Notice? notice) =>
        accounts.Store.Find(id) is { } account ? StaffPage.Page<StaffEditPage, StaffEditModel>(new(account, notice)) : Results.NotFound();

    private static async Task<IResult> UpdateAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, string id)
    {
        var name = form["name"].ToString().Trim();
        var disabled = form["disabled"] == "on";
        var role = ReadRole(form);
        var (department, ok) = ReadDepartment(form, accounts.Store, role);
        if (!int.TryParse(form["version"], out var version) || name.Length is 0 or > 100 || role is null || !ok)
        {
            return EditPage(accounts, id, new PageMessage("กรุณากรอกชื่อ บทบาท และหน่วยงานให้ถูกต้องค่ะ"));
        }

        if (id == context.User.Id() && (disabled || role != StaffRole.Admin))
        {
            return EditPage(accounts, id, new PageMessage("ปิดใช้งานหรือลดสิทธิ์บัญชีของตัวเองไม่ได้ ให้ผู้ดูแลระบบอีกคนทำแทนค่ะ"));
        }

        return await accounts.UpdateAsync(id, version, name, role.Value, department, form["head"] == "on", disabled).ConfigureAwait(false) switch
        {
            StaffChange.Done => EditPage(accounts, id, PageMessage.Ok("บันทึกแล้วค่ะ")),
            StaffChange.Conflict => EditPage(accounts, id, new PageMessage(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ResetPasswordAsync(IFormCollection form, StaffAccounts accounts, string id)
    {
        _ = int.TryParse(form["version"], out var version);
        var (result, oneTime) = await accounts.ResetPasswordAsync(id, version).ConfigureAwait(false);
        return result switch
        {
            StaffChange.Done => EditPage(accounts, id, OneTimePassword(accounts.Store.Find(id)!, oneTime!)),
            StaffChange.Conflict => EditPage(accounts, id, new PageMessage(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ResetTotpAsync(IFormCollection form, StaffAccounts accounts, string id)
    {
        _ = int.TryParse(form["version"], out var version);
        return await accounts.ResetTotpAsync(id, version).ConfigureAwait(false) switch
        {
            StaffChange.Done => EditPage(accounts, id, PageMessage.Ok("ล้างการตั้งค่า TOTP แล้ว ผู้ใช้ต้องตั้งค่าใหม่เมื่อเข้าสู่ระบบค่ะ")),
            StaffChange.Conflict => EditPage(accounts, id, new PageMessage(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static Notice OneTimePassword(StaffAccount account, string password) => new(null, new IssuedPassword(account.UserName, password));

    private static StaffRole? ReadRole(IFormCollection form) =>
        Enum.TryParse<StaffRole>(form["role"].ToString(), out var role) && Enum.IsDefined(role) && !int.TryParse(form["role"], out _) ? role : null;

    /// <summary>The department named by the form (null for none); not ok when it does not exist or a case officer has none.</summary>
    private static (string? Department, bool Ok) ReadDepartment(IFormCollection form, IStaffStore store, StaffRole? role)
    {
        var id = form["department"].ToString();
        if (id.Length == 0)
        {
            return (null, role != StaffRole.CaseOfficer);
        }

        return (id, store.FindDepartment(id) is not null);
    }

    // ---- departments ----

    private static IResult DepartmentsPage(IStaffStore store, Notice? notice) =>
        StaffPage.Page<Pages.DepartmentsPage, DepartmentsModel>(new(store.ListDepartments(), notice));

    private static async Task<IResult> AddDepartmentAsync(IFormCollection form, IStaffStore store)
    {
        var id = form["id"].ToString().Trim().ToLowerInvariant();
        var name = form["name"].ToString().Trim();
        if (id.Length is < 2 or > 32 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || name.Length is 0 or > 100)
        {
            return DepartmentsPage(store, new PageMessage("กรุณากรอกรหัสหน่วยงาน (a-z 0-9 -) และชื่อให้ถูกต้องค่ะ"));
        }

        var head = form["head"].ToString().Trim();
        var result = await store.AddDepartmentAsync(new Department { Id = id, Name = name, Head = head.Length == 0 ? null : head }).ConfigureAwait(false);
        return DepartmentsPage(store, result == StaffChange.Duplicate
            ? new PageMessage("มีรหัสหน่วยงานนี้แล้วค่ะ")
            : PageMessage.Ok("เพิ่มหน่วยงานแล้วค่ะ"));
    }

    private static async Task<IResult> UpdateDepartmentAsync(IFormCollection form, IStaffStore store, string id)
    {
        var name = form["name"].ToString().Trim();
        var head = form["head"].ToString().Trim();
        if (!int.TryParse(form["version"], out var version) || name.Length is 0 or > 100)
        {
            return DepartmentsPage(store, new PageMessage("กรุณากรอกชื่อหน่วยงานค่ะ"));
        }

        var result = await store.UpdateDepartmentAsync(id, version, d => d with { Name = name, Head = head.Length == 0 ? null : head, Active = form["active"] == "on" })
            .ConfigureAwait(false);
        return result switch
        {
            StaffChange.Done => DepartmentsPage(store, PageMessage.Ok("บันทึกแล้วค่ะ")),
            StaffChange.Conflict => DepartmentsPage(store, new PageMessage(ConflictText)),
            _ => Results.NotFound(),
        };
    }
}
