using ItaBot.Cli;

namespace ItaBot.RichMenu;

internal static class RichMenuExtensions
{
    /// <summary>The rich menu (<c>ItaBot:RichMenu</c>): the <c>richmenu deploy</c> command, and in simulator mode a deploy to the stand-in at start.</summary>
    public static IHostApplicationBuilder AddRichMenu(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddOptions<RichMenuOptions>()
            .Bind(builder.Configuration.GetSection(RichMenuOptions.Section))
            .PostConfigure(o =>
            {
                o.Directory = string.IsNullOrWhiteSpace(o.Directory)
                    ? RichMenuOptions.FindDefault(contentRoot, AppContext.BaseDirectory)
                    : Path.GetFullPath(o.Directory, contentRoot);
            })
            .Validate(o => System.Text.RegularExpressions.Regex.IsMatch(o.AliasId, "^[a-z0-9_-]{1,32}$"), $"{RichMenuOptions.Section}:AliasId must match ^[a-z0-9_-]{{1,32}}$.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RichMenuDeployer>();
        builder.Services.AddSingleton<ICliCommand, RichMenuDeployCommand>();
        builder.Services.AddHostedService<SimulatorRichMenu>();
        return builder;
    }
}
