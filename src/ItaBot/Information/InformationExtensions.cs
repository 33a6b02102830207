using ItaBot.Conversations;

namespace ItaBot.Information;

internal static class InformationExtensions
{
    /// <summary>The contact, executives, news and service-manual dialogs (ids contact, executives, news, services).</summary>
    public static IHostApplicationBuilder AddInformation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDialogFeature, InformationDialogs>();
        return builder;
    }
}
