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
    /// POST /webhook as a branch of its own at the head of the pipeline: LINE's calls (thousands a second in a burst)
    /// skip endpoint routing, cookie authentication, authorization and antiforgery, none of which they use (the
    /// signature is their authentication). Must be called before the pipeline's UseRouting/UseAuthentication.
    /// </summary>
    public static void MapWebhook(this IApplicationBuilder app)
    {
        var ingest = app.ApplicationServices.GetRequiredService<WebhookIngest>();
        app.MapWhen(http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Run(async http =>
        {
            if (!HttpMethods.IsPost(http.Request.Method))
            {
                http.Response.Headers.Allow = HttpMethods.Post;
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            var result = await ingest.HandleAsync(http).ConfigureAwait(false);
            await result.ExecuteAsync(http).ConfigureAwait(false);
        }));
    }
}
