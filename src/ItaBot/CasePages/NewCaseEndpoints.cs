using ItaBot.Cases;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Staff;
using Microsoft.Extensions.Options;

namespace ItaBot.CasePages;

/// <summary>/staff/cases/new: a complaint that came in person, by phone or by letter gets a case (and a number) like any other.</summary>
internal static class NewCaseEndpoints
{
    public const string Path = "/staff/cases/new";

    private static readonly CaseChannel[] Channels = [CaseChannel.WalkIn, CaseChannel.Phone, CaseChannel.Letter];

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/cases/new", (HttpContext context, ContentPackProvider content) => Form(context, content, Html.Empty, null));
        staff.MapPost("/cases/new", CreateAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IFormCollection form, CaseService cases, ContentPackProvider content, IOptions<ComplaintOptions> options)
    {
        var category = content.Current.FindComplaintCategory(form["category"].ToString());
        var channel = Channels.FirstOrDefault(c => c.ToString() == form["channel"], (CaseChannel)(-1));
        var description = Descriptions.Clean(form["description"], options.Value.MaxDescriptionLength);
        var place = Descriptions.Clean(form["place"], 300);
        var name = Descriptions.Clean(form["contact-name"], 100);
        var phoneText = Descriptions.Clean(form["contact-phone"], 40);
        var phone = PhoneNumbers.Normalise(phoneText);
        var problems = new List<string>();
        if (category is null)
        {
            problems.Add("เลือกประเภทเรื่อง");
        }

        if (!Channels.Contains(channel))
        {
            problems.Add("เลือกช่องทางที่รับเรื่อง");
        }

        if (description.Length == 0)
        {
            problems.Add("กรอกรายละเอียด");
        }

        if (phoneText.Length > 0 && phone is null)
        {
            problems.Add("กรอกเบอร์โทรศัพท์ให้ถูกต้อง (เช่น 081-234-5678)");
        }

        if (category is null || problems.Count > 0)
        {
            return Form(context, content, StaffPage.Message("กรุณา" + string.Join(" ", problems) + "ค่ะ"), form, StatusCodes.Status400BadRequest);
        }

        var record = await cases.CreateAsync(new NewCase
        {
            CategoryId = category.Id,
            Channel = channel,
            Description = description,
            Location = place.Length == 0 ? null : new CaseLocation(null, null, null, place),
            ContactName = name.Length == 0 ? null : name,
            ContactPhone = phone,
            ContactConsent = phone is not null && form["consent"] == "on",
        }, context.User.Id()).ConfigureAwait(false);

        // A case officer may record a complaint for another department; they are then sent to the list, not a 404.
        return Results.Redirect(CaseAccess.MaySee(context.User, record)
            ? CaseAccess.Href(record) + "?done=created"
            : CaseListEndpoints.Path + "?created=" + Uri.EscapeDataString(record.Number));
    }

    private static IResult Form(HttpContext context, ContentPackProvider content, Html message, IFormCollection? typed, int statusCode = StatusCodes.Status200OK)
    {
        string Typed(string field) => typed?[field].ToString() ?? string.Empty;
        var categories = content.Current.ComplaintCategories.Select(c =>
            Html.Of($"""<option value="{c.Id}" {(c.Id == Typed("category") ? new Html("selected") : Html.Empty)}>{c.Name}</option>"""));
        var channels = Channels.Select(c =>
            Html.Of($"""<option value="{c}" {(c.ToString() == Typed("channel") ? new Html("selected") : Html.Empty)}>{c.Thai()}</option>"""));
        return StaffPage.Render(context, "บันทึกเรื่องร้องเรียน", Html.Of($"""
            {message}
            <p><a href="{CaseListEndpoints.Path}">← รายการเรื่อง</a></p>
            <form class="box" id="new-case-form" method="post" action="{Path}">{StaffPage.Antiforgery(context)}
            <label for="channel">ช่องทางที่รับเรื่อง</label>
            <select id="channel" name="channel" required><option value="">-</option>{channels}</select>
            <label for="category">ประเภทเรื่อง</label>
            <select id="category" name="category" required><option value="">-</option>{categories}</select>
            <label for="description">รายละเอียด</label>
            <textarea id="description" name="description" required maxlength="5000">{Typed("description")}</textarea>
            <label for="place">สถานที่</label>
            <input id="place" name="place" maxlength="300" value="{Typed("place")}">
            <label for="contact-name">ชื่อผู้ร้อง</label>
            <input id="contact-name" name="contact-name" maxlength="100" value="{Typed("contact-name")}">
            <label for="contact-phone">เบอร์โทรศัพท์</label>
            <input id="contact-phone" name="contact-phone" inputmode="tel" maxlength="40" value="{Typed("contact-phone")}">
            <label class="check"><input type="checkbox" name="consent" {(Typed("consent") == "on" ? new Html("checked") : Html.Empty)}> ผู้ร้องยินยอมให้ติดต่อกลับทางโทรศัพท์</label>
            <button type="submit">บันทึกและออกเลขที่เรื่อง</button>
            </form>
            """), statusCode);
    }
}
