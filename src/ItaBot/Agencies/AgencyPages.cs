using ItaBot.Storage;

namespace ItaBot.Agencies;

/// <summary>
/// The public pages (the protected report form, the published statistics, the privacy notice) of every agency: the
/// default agency's at today's addresses (<c>/report</c>, <c>/transparency</c>, <c>/privacy</c>), another agency's under
/// <c>/a/&lt;id&gt;/</c> (<c>/a/nongbua/report</c>). The prefix is taken off before routing and the agency entered, so the
/// same endpoints serve every agency from its own records, vault and content pack; links the pages and LINE messages
/// carry are made with <see cref="Path"/>, so they stay within the agency in context.
/// </summary>
internal static class AgencyPages
{
    public const string Prefix = "/a";

    /// <summary>The paths served per agency; nothing else is under <see cref="Prefix"/> (staff pages, webhooks: 404).</summary>
    private static readonly string[] Public = ["/report", "/transparency", "/privacy"];

    /// <summary>The address of the public page at <paramref name="path"/> (a default-agency path such as <c>/report/follow-up</c>) for the agency in context.</summary>
    public static string Path(string path) => AgencyContext.Captured is { } id ? $"{Prefix}/{id}{path}" : path;

    /// <summary>Serves <c>/a/&lt;id&gt;/report…</c>, <c>…/transparency…</c> and <c>…/privacy…</c> as that agency; an unknown agency or another path is 404.</summary>
    public static void UseAgencyPages(this IApplicationBuilder app)
    {
        var agencies = app.ApplicationServices.GetRequiredService<AgencyDirectory>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal, out var rest))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var value = rest.Value ?? string.Empty;
            var slash = value.Length > 1 ? value.IndexOf('/', 1) : -1;
            var id = slash < 0 ? string.Empty : value[1..slash];
            var page = slash < 0 ? default : new PathString(value[slash..]);
            if (agencies.Find(id) is null || !Array.Exists(Public, p => page.StartsWithSegments(p, StringComparison.Ordinal)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Request.PathBase = context.Request.PathBase.Add(Prefix + "/" + id);
            context.Request.Path = page;
            using var scope = AgencyContext.Enter(id);
            await next(context).ConfigureAwait(false);
        });
    }
}
