using ItaBot.Agencies;
using ItaBot.Storage;
using ItaBot.Webhook.LiteDb;
using ItaBot.Webhook.PostgreSql;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Webhook;

internal static class WebhookExtensions
{
    public const string Path = "/webhook";

    public static void AddWebhook(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWebhookStores(builder.Configuration);
        builder.Services.TryAddSingleton<WebhookPressure>();
        builder.Services.AddSingleton<WebhookIngest>();
    }

    /// <summary>The inbox of the configured storage provider.</summary>
    public static void AddWebhookStores(this IServiceCollection services, IConfiguration configuration)
    {
        if (StorageOptions.IsPostgreSql(configuration))
        {
            services.AddWebhookPostgreSql();
        }
        else
        {
            services.AddWebhookLiteDb();
        }
    }

    /// <summary>
    /// POST /webhook (the default agency) and POST /webhook/&lt;id&gt; (each agency of <c>ItaBot:Agencies</c>; an unknown id is
    /// 404) as a branch of its own at the head of the pipeline: LINE's calls (thousands a second in a burst) skip endpoint
    /// routing, cookie authentication, authorization and antiforgery, none of which they use (the signature is their
    /// authentication). Must be called before the pipeline's UseRouting/UseAuthentication.
    /// </summary>
    public static void MapWebhook(this IApplicationBuilder app)
    {
        var ingest = app.ApplicationServices.GetRequiredService<WebhookIngest>();
        var agencies = app.ApplicationServices.GetRequiredService<AgencyDirectory>();
        app.MapWhen(http => IsWebhook(http.Request.Path), branch => branch.Run(async http =>
        {
            var agency = AgencyOf(http.Request.Path);
            if (agency is null || agencies.Find(agency) is null)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (!HttpMethods.IsPost(http.Request.Method))
            {
                http.Response.Headers.Allow = HttpMethods.Post;
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            var result = await ingest.HandleAsync(http, agency).ConfigureAwait(false);
            await result.ExecuteAsync(http).ConfigureAwait(false);
        }));
    }

    private static bool IsWebhook(PathString path) =>
        path.Equals(Path, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out _);

    /// <summary>The agency id of a webhook path: "default" for /webhook, the one segment after it otherwise (null when more follow).</summary>
    private static string? AgencyOf(PathString path)
    {
        if (!path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue || rest.Value is "/")
        {
            return AgencyContext.DefaultId;
        }

        var id = rest.Value![1..];
        return id.Length == 0 || id.Contains('/', StringComparison.Ordinal) ? null : id;
    }
}
