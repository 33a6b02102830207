using ItaBot.Line.Client;
using Microsoft.Extensions.Options;

namespace ItaBot.LineChannel;

internal static class LinePlatformExtensions
{
    public static void AddLinePlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<LineOptions>()
            .Bind(builder.Configuration.GetSection(LineOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LineOptions>, LineOptionsValidator>();
        builder.Services.AddLineMessagingClient(builder.Configuration.GetSection(LineClientOptions.DefaultSectionName));

        // The monthly message quota: read every ItaBot:Line:QuotaRecheckInterval; pushes are held while LINE refuses them.
        builder.Services.AddOptions<LineQuotaOptions>()
            .Bind(builder.Configuration.GetSection(LineOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LineQuota>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LineQuota>());
    }
}
