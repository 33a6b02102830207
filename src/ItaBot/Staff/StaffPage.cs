using ItaBot.Shared.Pages;
using ItaBot.Staff.Pages;
using Microsoft.AspNetCore.Components;

namespace ItaBot.Staff;

/// <summary>A link on the staff home page; features add theirs (cases, reports) with the policy that may see it.</summary>
internal sealed record StaffLink(string Title, string Href, string Policy, string? Description = null);

/// <summary>A section on the staff home page that another slice draws (the LINE quota for admins), shown to those the policy lets in.</summary>
internal interface IStaffHomePanel
{
    string Policy { get; }

    /// <summary>The Razor component that draws the section (it takes no parameters).</summary>
    Type Component { get; }
}

/// <summary>
/// The staff pages: Razor components in the frame of <see cref="StaffLayout"/> (Thai, phone-first, one stylesheet, no
/// script, nothing from elsewhere), rendered on the server with the headers every staff page sends. Other slices render
/// their pages through <see cref="Page{TPage, TModel}"/> so that they look alike and keep the same protections.
/// </summary>
internal static class StaffPage
{
    public static readonly StyleSheet Style = StyleSheet.Load("ItaBot.Css.staff.css", "/staff");

    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>A page component with its model (the page reads it as <c>[CascadingParameter] private TModel Model</c>).</summary>
    public static IResult Page<TPage, TModel>(TModel model, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent => PageResults.Page<TPage, TModel>(model, statusCode, SetHeaders);

    public static IResult Page<TPage>(int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent => PageResults.Page<TPage>(statusCode, SetHeaders);

    public static IResult Forbidden(HttpContext context)
    {
        _ = context;
        return Page<ForbiddenPage>(StatusCodes.Status403Forbidden);
    }

    public static void SetHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
