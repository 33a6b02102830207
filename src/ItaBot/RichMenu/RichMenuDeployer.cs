using ItaBot.Agencies;
using ItaBot.Cli;
using ItaBot.Line.Client;
using ItaBot.Simulator;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.RichMenu;

/// <summary><c>ItaBot:RichMenu</c>: where the definition and image live, and the alias the menu gets.</summary>
internal sealed class RichMenuOptions
{
    public const string Section = "ItaBot:RichMenu";
    public const string FolderName = "richmenu";

    /// <summary>The folder with richmenu.json and richmenu.png; empty: the nearest <c>richmenu/</c> above the content root or the app.</summary>
    public string? Directory { get; set; }

    /// <summary>The alias created for the menu (for <c>richmenuswitch</c> tabs later): <c>^[a-z0-9_-]{1,32}$</c>.</summary>
    public string AliasId { get; set; } = "itabot-main";

    public static string? FindDefault(params string?[] startPoints) =>
        ShippedFolder.Find(FolderName, RichMenuDefinition.DefinitionFile, startPoints);
}

internal sealed record RichMenuDeployment(string RichMenuId, string AliasId, bool AliasCreated);

/// <summary>
/// Puts the menu on a channel: validate, create, upload the image (to the data host), create the alias, set it as
/// the default for every user. LINE takes an image only once per menu, so every deploy creates a new menu.
/// </summary>
internal sealed partial class RichMenuDeployer(ILineMessagingClient line, IOptions<RichMenuOptions> options, ILogger<RichMenuDeployer> logger,
    AgencyDirectory? agencies = null, IHostEnvironment? environment = null)
{
    /// <summary>
    /// The menu of the agency in context: its own <c>richmenu/</c> inside its content directory
    /// (<c>ItaBot:Agencies:&lt;id&gt;:Content:Directory</c>) when it has one, else <c>ItaBot:RichMenu:Directory</c>.
    /// </summary>
    public RichMenuDefinition LoadDefinition()
    {
        var directory = OwnDirectory() ?? options.Value.Directory
            ?? throw new InvalidDataException($"{RichMenuOptions.Section}:Directory is not set and no {RichMenuOptions.FolderName}/ folder with {RichMenuDefinition.DefinitionFile} was found.");
        return RichMenuDefinition.Load(directory);
    }

    private string? OwnDirectory()
    {
        if (agencies?.Find(AgencyContext.CurrentId) is not { IsDefault: false, ContentDirectory: { Length: > 0 } content })
        {
            return null;
        }

        var own = Path.Combine(Path.GetFullPath(content, environment?.ContentRootPath ?? Directory.GetCurrentDirectory()), RichMenuOptions.FolderName);
        return File.Exists(Path.Combine(own, RichMenuDefinition.DefinitionFile)) ? own : null;
    }

    public async Task<RichMenuDeployment> DeployAsync(RichMenuDefinition definition, CancellationToken cancellationToken)
    {
        var problems = definition.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidDataException("The rich menu breaks LINE's rules: " + string.Join("; ", problems));
        }

        var id = await line.CreateRichMenuAsync(definition.Menu, cancellationToken).ConfigureAwait(false);
        await line.UploadRichMenuImageAsync(id, definition.Image, definition.ImageContentType, cancellationToken).ConfigureAwait(false);
        var alias = options.Value.AliasId;
        var aliasCreated = true;
        try
        {
            await line.CreateRichMenuAliasAsync(alias, id, cancellationToken).ConfigureAwait(false);
        }
        catch (LineApiException ex) when ((int)ex.StatusCode == 400)
        {
            // The alias exists from an earlier deploy; our client has no alias update yet, and the default menu
            // below is what users see, so the deploy goes on and says so.
            aliasCreated = false;
            LogAliasKept(logger, alias);
        }

        await line.SetDefaultRichMenuAsync(id, cancellationToken).ConfigureAwait(false);
        LogDeployed(logger, id);
        return new RichMenuDeployment(id, alias, aliasCreated);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rich menu alias {AliasId} already exists and was left as it is")]
    private static partial void LogAliasKept(ILogger logger, string aliasId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rich menu {RichMenuId} deployed and set as the default")]
    private static partial void LogDeployed(ILogger logger, string richMenuId);
}

/// <summary><c>dotnet run --project src/ItaBot -- richmenu deploy</c>: puts richmenu/ on the configured LINE channel.</summary>
internal sealed class RichMenuDeployCommand(RichMenuDeployer deployer) : ICliCommand
{
    public IReadOnlyList<string> Words { get; } = ["richmenu", "deploy"];

    public string Description => "Validates richmenu/richmenu.json and richmenu.png, creates the menu on the LINE channel (ItaBot:Line:*), uploads the image, creates the alias, sets it as the default; prints the rich menu id.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        RichMenuDefinition definition;
        try
        {
            definition = deployer.LoadDefinition();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"richmenu deploy: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        var problems = definition.Problems();
        if (problems.Count > 0)
        {
            await output.WriteLineAsync("richmenu deploy: the rich menu breaks LINE's rules: " + string.Join("; ", problems)).ConfigureAwait(false);
            return 1;
        }

        try
        {
            var deployed = await deployer.DeployAsync(definition, cancellationToken).ConfigureAwait(false);
            if (!deployed.AliasCreated)
            {
                await output.WriteLineAsync($"note: alias '{deployed.AliasId}' already existed and still points to the earlier menu").ConfigureAwait(false);
            }

            await output.WriteLineAsync(deployed.RichMenuId).ConfigureAwait(false);
            return 0;
        }
        catch (LineApiException ex)
        {
            await output.WriteLineAsync($"richmenu deploy: LINE refused: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}

/// <summary>
/// In simulator mode, deploys the menu to the LINE stand-in at start, so the simulator page shows it: for every agency,
/// each on its own channel (its token) with its own menu (<see cref="RichMenuDeployer.LoadDefinition"/>).
/// </summary>
internal sealed partial class SimulatorRichMenu(IServiceProvider services, RichMenuDeployer deployer, ILogger<SimulatorRichMenu> logger,
    AgencyDirectory? agencies = null) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<SimulatorMode>() is null)
        {
            return;
        }

        if (agencies is null)
        {
            await DeployAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await agencies.ForEachAsync(_ => DeployAsync(cancellationToken)).ConfigureAwait(false);
    }

    private async Task DeployAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deployed = await deployer.DeployAsync(deployer.LoadDefinition(), cancellationToken).ConfigureAwait(false);
            LogSimulatorMenu(logger, deployed.RichMenuId, AgencyContext.CurrentId);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or LineApiException or HttpRequestException)
        {
            // The simulator works without a menu (the chat still has quick replies); say why it is missing.
            LogSimulatorMenuFailed(logger, AgencyContext.CurrentId, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator mode: rich menu {RichMenuId} of agency {Agency} deployed to the LINE stand-in")]
    private static partial void LogSimulatorMenu(ILogger logger, string richMenuId, string agency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulator mode: the rich menu of agency {Agency} could not be deployed to the LINE stand-in")]
    private static partial void LogSimulatorMenuFailed(ILogger logger, string agency, Exception exception);
}
