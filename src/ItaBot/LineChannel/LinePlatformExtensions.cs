namespace ItaBot.LineChannel;

internal static class LinePlatformExtensions
{
    public static void AddLinePlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<LineOptions>()
            .Bind(builder.Configuration.GetSection(LineOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<LineOptions>, LineOptionsValidator>();
        // The LINE API client (ItaBot.Line) is registered here once it lands.
    }
}
