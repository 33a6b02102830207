using ItaBot.CasePages.Pages;
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

    internal static readonly CaseChannel[] Channels = [CaseChannel.WalkIn, CaseChannel.Phone, CaseChannel.Letter];

    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("/cases/new", (ContentPackProvider content) => Form(content, null, null));
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
            return Form(content, "กรุณา" + string.Join(" ", problems) + "ค่ะ", form, StatusCodes.Status400BadRequest);
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

    private static IResult Form(ContentPackProvider content, string? error, IFormCollection? typed, int statusCode = StatusCodes.Status200OK) =>
        StaffPage.Page<NewCasePage, FormModel>(new(content.Current.ComplaintCategories, typed, error), statusCode);

    /// <summary>The new-case form; <paramref name="Values"/> refills it after a refusal that <paramref name="Error"/> explains.</summary>
    internal sealed record FormModel(IReadOnlyList<ComplaintCategory> Categories, IFormCollection? Values, string? Error)
    {
        public string Value(string name) => Values?[name].ToString() ?? string.Empty;
    }
}
