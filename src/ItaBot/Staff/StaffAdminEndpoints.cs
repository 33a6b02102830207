namespace ItaBot.Staff;

/// <summary>/staff/admin/staff and /staff/admin/departments: accounts and departments, for admins.</summary>
internal static class StaffAdminEndpoints
{
    private const string ConflictText = "มีผู้แก้ไขข้อมูลนี้ไปก่อนแล้ว ข้อมูลด้านล่างเป็นฉบับล่าสุด กรุณาตรวจสอบแล้วบันทึกอีกครั้งค่ะ";

    public static void Map(RouteGroupBuilder staff)
    {
        var admin = staff.MapGroup("/admin").RequireAuthorization(StaffPolicies.Admin);
        admin.MapGet("/staff", (HttpContext context, StaffAccounts accounts) => StaffList(context, accounts, null));
        admin.MapPost("/staff", CreateAsync);
        admin.MapGet("/staff/{id}", (HttpContext context, StaffAccounts accounts, string id) => EditPage(context, accounts, id, null));
        admin.MapPost("/staff/{id}", UpdateAsync);
        admin.MapPost("/staff/{id}/password", ResetPasswordAsync);
        admin.MapPost("/staff/{id}/totp", ResetTotpAsync);
        admin.MapGet("/departments", (HttpContext context, IStaffStore store) => DepartmentsPage(context, store, null));
        admin.MapPost("/departments", AddDepartmentAsync);
        admin.MapPost("/departments/{id}", UpdateDepartmentAsync);
        staff.MapGet("/agencies", AgenciesPage).RequireAuthorization(StaffPolicies.PlatformAdmin);
    }

    /// <summary>The platform administrator's list of the agencies this deployment serves, with each one's webhook address.</summary>
    private static IResult AgenciesPage(HttpContext context, Agencies.AgencyDirectory agencies)
    {
        var rows = agencies.All.Select(a => Html.Of($"""
            <tr><td>{a.Id}</td><td>{a.Name}</td><td><code>{(a.IsDefault ? "/webhook" : "/webhook/" + a.Id)}</code></td>
            <td>{(a.StaffGroupId is null ? "ยังไม่ได้ตั้ง" : "ตั้งแล้ว")}</td></tr>
            """));
        return StaffPage.Render(context, "หน่วยงานในระบบ", Html.Of($"""
            <p>หน่วยงานที่ระบบนี้ให้บริการ {agencies.All.Count} แห่ง (เพิ่มหน่วยงานได้ที่การตั้งค่า ItaBot:Agencies)</p>
            <table><thead><tr><th>รหัส</th><th>ชื่อหน่วยงาน</th><th>Webhook</th><th>กลุ่ม LINE เจ้าหน้าที่</th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody></table>
            """));
    }

    private static IResult StaffList(HttpContext context, StaffAccounts accounts, Html? message)
    {
        var store = accounts.Store;
        var names = store.ListDepartments().ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var rows = store.List().Select(a => Html.Of($"""
            <tr><td><a href="/staff/admin/staff/{a.Id}">{a.UserName}</a></td><td>{a.DisplayName}</td><td>{a.Role.Thai()}</td>
            <td class="opt">{(a.Department is { } d ? names.GetValueOrDefault(d, d) : "-")}</td>
            <td class="opt">{(a.TotpSecret is null ? "-" : "✓")}</td><td class="opt">{(a.LineUserId is null ? "-" : "✓")}</td>
            <td>{(a.Disabled ? "ปิดใช้งาน" : accounts.IsLocked(a) ? "ล็อกชั่วคราว" : "ใช้งาน")}</td></tr>
            """));
        return StaffPage.Render(context, "บัญชีเจ้าหน้าที่", Html.Of($"""
            {message ?? Html.Empty}
            <table>
            <thead><tr><th>ชื่อผู้ใช้</th><th>ชื่อ</th><th>บทบาท</th><th class="opt">หน่วยงาน</th><th class="opt">TOTP</th><th class="opt">LINE</th><th>สถานะ</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            <h2>เพิ่มเจ้าหน้าที่</h2>
            <form class="box" method="post" action="/staff/admin/staff">{StaffPage.Antiforgery(context)}
            <label for="user">ชื่อผู้ใช้ (a-z 0-9 . _ -)</label>
            <input id="user" name="user" autocapitalize="none" required maxlength="32">
            <label for="name">ชื่อ-นามสกุล</label>
            <input id="name" name="name" required maxlength="100">
            {RoleAndDepartmentFields(store, StaffRole.CaseOfficer, null, false)}
            <button type="submit">เพิ่มเจ้าหน้าที่</button>
            </form>
            """));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IFormCollection form, StaffAccounts accounts)
    {
        var userName = StaffRules.NormalizeUserName(form["user"].ToString());
        var name = form["name"].ToString().Trim();
        var role = ReadRole(form);
        var (department, ok) = ReadDepartment(form, accounts.Store, role);
        if (!StaffRules.IsValidUserName(userName) || name.Length is 0 or > 100 || role is null || !ok)
        {
            return StaffList(context, accounts, StaffPage.Message("กรุณากรอกชื่อผู้ใช้ (3–32 ตัว a-z 0-9 . _ -) ชื่อ บทบาท และหน่วยงาน (เจ้าหน้าที่รับเรื่องต้องมีหน่วยงาน) ให้ถูกต้องค่ะ"));
        }

        var (result, issued) = await accounts.CreateAsync(userName, name, role.Value, department, form["head"] == "on").ConfigureAwait(false);
        return result == StaffChange.Duplicate
            ? StaffList(context, accounts, StaffPage.Message("มีชื่อผู้ใช้นี้แล้วค่ะ"))
            : StaffList(context, accounts, OneTimePassword(issued!.Account, issued.OneTimePassword));
    }

    private static IResult EditPage(HttpContext context, StaffAccounts accounts, string id, Html? message)
    {
        if (accounts.Store.Find(id) is not { } account)
        {
            return Results.NotFound();
        }

        return StaffPage.Render(context, "แก้ไขบัญชีเจ้าหน้าที่", Html.Of($"""
            {message ?? Html.Empty}
            <p><a href="/staff/admin/staff">← รายชื่อเจ้าหน้าที่</a></p>
            <form class="box" method="post" action="/staff/admin/staff/{account.Id}">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="version" value="{account.Version}">
            <p>ชื่อผู้ใช้: <strong>{account.UserName}</strong></p>
            <label for="name">ชื่อ-นามสกุล</label>
            <input id="name" name="name" value="{account.DisplayName}" required maxlength="100">
            {RoleAndDepartmentFields(accounts.Store, account.Role, account.Department, account.IsDepartmentHead)}
            <label class="check"><input type="checkbox" name="disabled" {(account.Disabled ? new Html("checked") : Html.Empty)}> ปิดใช้งานบัญชีนี้</label>
            <button type="submit">บันทึก</button>
            </form>
            <form class="box" method="post" action="/staff/admin/staff/{account.Id}/password">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="version" value="{account.Version}">
            <p>ตั้งรหัสผ่านใช้ครั้งเดียวใหม่ (ผู้ใช้ต้องเปลี่ยนเมื่อเข้าสู่ระบบ และทุกการเข้าสู่ระบบเดิมจะสิ้นสุด)</p>
            <button class="secondary" type="submit">รีเซ็ตรหัสผ่าน</button>
            </form>
            <form class="box" method="post" action="/staff/admin/staff/{account.Id}/totp">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="version" value="{account.Version}">
            <p>การยืนยันตัวตนสองขั้นตอน: {(account.TotpSecret is null ? "ยังไม่ได้ตั้งค่า" : "ตั้งค่าแล้ว")} (ล้างเมื่อผู้ใช้เปลี่ยนหรือทำโทรศัพท์หาย)</p>
            <button class="danger" type="submit">ล้างการตั้งค่า TOTP</button>
            </form>
            """));
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, string id)
    {
        var name = form["name"].ToString().Trim();
        var disabled = form["disabled"] == "on";
        var role = ReadRole(form);
        var (department, ok) = ReadDepartment(form, accounts.Store, role);
        if (!int.TryParse(form["version"], out var version) || name.Length is 0 or > 100 || role is null || !ok)
        {
            return EditPage(context, accounts, id, StaffPage.Message("กรุณากรอกชื่อ บทบาท และหน่วยงานให้ถูกต้องค่ะ"));
        }

        if (id == context.User.Id() && (disabled || role != StaffRole.Admin))
        {
            return EditPage(context, accounts, id, StaffPage.Message("ปิดใช้งานหรือลดสิทธิ์บัญชีของตัวเองไม่ได้ ให้ผู้ดูแลระบบอีกคนทำแทนค่ะ"));
        }

        return await accounts.UpdateAsync(id, version, name, role.Value, department, form["head"] == "on", disabled).ConfigureAwait(false) switch
        {
            StaffChange.Done => EditPage(context, accounts, id, StaffPage.Message("บันทึกแล้วค่ะ", "ok")),
            StaffChange.Conflict => EditPage(context, accounts, id, StaffPage.Message(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ResetPasswordAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, string id)
    {
        _ = int.TryParse(form["version"], out var version);
        var (result, oneTime) = await accounts.ResetPasswordAsync(id, version).ConfigureAwait(false);
        return result switch
        {
            StaffChange.Done => EditPage(context, accounts, id, OneTimePassword(accounts.Store.Find(id)!, oneTime!)),
            StaffChange.Conflict => EditPage(context, accounts, id, StaffPage.Message(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static async Task<IResult> ResetTotpAsync(HttpContext context, IFormCollection form, StaffAccounts accounts, string id)
    {
        _ = int.TryParse(form["version"], out var version);
        return await accounts.ResetTotpAsync(id, version).ConfigureAwait(false) switch
        {
            StaffChange.Done => EditPage(context, accounts, id, StaffPage.Message("ล้างการตั้งค่า TOTP แล้ว ผู้ใช้ต้องตั้งค่าใหม่เมื่อเข้าสู่ระบบค่ะ", "ok")),
            StaffChange.Conflict => EditPage(context, accounts, id, StaffPage.Message(ConflictText)),
            _ => Results.NotFound(),
        };
    }

    private static Html OneTimePassword(StaffAccount account, string password) => Html.Of($"""
        <section class="msg ok">
        <p>รหัสผ่านใช้ครั้งเดียวของ <strong>{account.UserName}</strong> (แสดงครั้งนี้ครั้งเดียว ส่งให้เจ้าหน้าที่ด้วยตนเอง):</p>
        <p class="code" id="one-time-password">{password}</p>
        </section>
        """);

    private static Html RoleAndDepartmentFields(IStaffStore store, StaffRole role, string? department, bool head)
    {
        var roles = Enum.GetValues<StaffRole>().Select(r => Html.Of($"""<option value="{r}" {(r == role ? new Html("selected") : Html.Empty)}>{r.Thai()}</option>"""));
        var departments = store.ListDepartments().Where(d => d.Active || d.Id == department)
            .Select(d => Html.Of($"""<option value="{d.Id}" {(d.Id == department ? new Html("selected") : Html.Empty)}>{d.Name}</option>"""));
        return Html.Of($"""
            <label for="role">บทบาท</label>
            <select id="role" name="role">{roles}</select>
            <label for="department">หน่วยงาน (สำหรับเจ้าหน้าที่รับเรื่อง)</label>
            <select id="department" name="department"><option value="">-</option>{departments}</select>
            <label class="check"><input type="checkbox" name="head" {(head ? new Html("checked") : Html.Empty)}> หัวหน้าหน่วยงาน (รับแจ้งเมื่อเรื่องเกินกำหนด)</label>
            """);
    }

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

    private static IResult DepartmentsPage(HttpContext context, IStaffStore store, Html? message)
    {
        var rows = store.ListDepartments().Select(d => Html.Of($"""
            <form class="box" method="post" action="/staff/admin/departments/{d.Id}">{StaffPage.Antiforgery(context)}
            <input type="hidden" name="version" value="{d.Version}">
            <p><strong>{d.Id}</strong> {(d.Active ? Html.Empty : Html.Of($"""<span class="muted">(ปิดใช้งาน)</span>"""))}</p>
            <label for="name-{d.Id}">ชื่อหน่วยงาน</label>
            <input id="name-{d.Id}" name="name" value="{d.Name}" required maxlength="100">
            <label for="head-{d.Id}">หัวหน้าหน่วยงาน</label>
            <input id="head-{d.Id}" name="head" value="{d.Head ?? string.Empty}" maxlength="100">
            <label class="check"><input type="checkbox" name="active" {(d.Active ? new Html("checked") : Html.Empty)}> ใช้งาน</label>
            <button type="submit">บันทึก</button>
            </form>
            """));
        return StaffPage.Render(context, "หน่วยงาน", Html.Of($"""
            {message ?? Html.Empty}
            {rows}
            <h2>เพิ่มหน่วยงาน</h2>
            <form class="box" method="post" action="/staff/admin/departments">{StaffPage.Antiforgery(context)}
            <label for="id">รหัสหน่วยงาน (a-z 0-9 -)</label>
            <input id="id" name="id" required maxlength="32" autocapitalize="none">
            <label for="name">ชื่อหน่วยงาน</label>
            <input id="name" name="name" required maxlength="100">
            <label for="head">หัวหน้าหน่วยงาน</label>
            <input id="head" name="head" maxlength="100">
            <button type="submit">เพิ่มหน่วยงาน</button>
            </form>
            """));
    }

    private static async Task<IResult> AddDepartmentAsync(HttpContext context, IFormCollection form, IStaffStore store)
    {
        var id = form["id"].ToString().Trim().ToLowerInvariant();
        var name = form["name"].ToString().Trim();
        if (id.Length is < 2 or > 32 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') || name.Length is 0 or > 100)
        {
            return DepartmentsPage(context, store, StaffPage.Message("กรุณากรอกรหัสหน่วยงาน (a-z 0-9 -) และชื่อให้ถูกต้องค่ะ"));
        }

        var head = form["head"].ToString().Trim();
        var result = await store.AddDepartmentAsync(new Department { Id = id, Name = name, Head = head.Length == 0 ? null : head }).ConfigureAwait(false);
        return DepartmentsPage(context, store, result == StaffChange.Duplicate
            ? StaffPage.Message("มีรหัสหน่วยงานนี้แล้วค่ะ")
            : StaffPage.Message("เพิ่มหน่วยงานแล้วค่ะ", "ok"));
    }

    private static async Task<IResult> UpdateDepartmentAsync(HttpContext context, IFormCollection form, IStaffStore store, string id)
    {
        var name = form["name"].ToString().Trim();
        var head = form["head"].ToString().Trim();
        if (!int.TryParse(form["version"], out var version) || name.Length is 0 or > 100)
        {
            return DepartmentsPage(context, store, StaffPage.Message("กรุณากรอกชื่อหน่วยงานค่ะ"));
        }

        var result = await store.UpdateDepartmentAsync(id, version, d => d with { Name = name, Head = head.Length == 0 ? null : head, Active = form["active"] == "on" })
            .ConfigureAwait(false);
        return result switch
        {
            StaffChange.Done => DepartmentsPage(context, store, StaffPage.Message("บันทึกแล้วค่ะ", "ok")),
            StaffChange.Conflict => DepartmentsPage(context, store, StaffPage.Message(ConflictText)),
            _ => Results.NotFound(),
        };
    }
}
