namespace ItaBot.Cli;

/// <summary>
/// A maintenance command run instead of the web server, e.g. <c>dotnet run --project src/ItaBot -- richmenu deploy</c>.
/// Commands get the fully built service (settings, stores, LINE client) but no HTTP listener.
/// </summary>
internal interface ICliCommand
{
    /// <summary>The words that select it, e.g. ["richmenu", "deploy"].</summary>
    IReadOnlyList<string> Words { get; }

    string Description { get; }

    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the command reads <c>--agency</c> itself (<c>migrate</c> fills an agency not configured yet); otherwise the
    /// command line enters the named agency for it.
    /// </summary>
    bool OwnsAgencyOption => false;
}

internal static class CommandLine
{
    public const string AgencyOption = "--agency";

    /// <summary>
    /// Runs the command named by <paramref name="args"/>; null when the args name none (start the server). With
    /// <c>--agency &lt;id&gt;</c> anywhere, the command works for that agency (its stores, content pack, LINE channel),
    /// unless it reads the option itself (<see cref="ICliCommand.OwnsAgencyOption"/>).
    /// </summary>
    public static async Task<int?> TryRunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var commands = services.GetServices<ICliCommand>().ToList();
        var command = commands
            .Where(c => c.Words.Count <= words.Count && c.Words.SequenceEqual(words.Take(c.Words.Count), StringComparer.OrdinalIgnoreCase))
            .MaxBy(c => c.Words.Count);
        if (command is null)
        {
            await output.WriteLineAsync($"Unknown command '{string.Join(' ', words)}'. Commands:").ConfigureAwait(false);
            foreach (var c in commands.OrderBy(c => string.Join(' ', c.Words), StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"  {string.Join(' ', c.Words),-24} {c.Description}").ConfigureAwait(false);
            }

            return 2;
        }

        var at = Array.FindIndex(args, a => string.Equals(a, AgencyOption, StringComparison.Ordinal));
        if (at < 0 || command.OwnsAgencyOption)
        {
            return await command.RunAsync([.. args.Skip(command.Words.Count)], output, CancellationToken.None).ConfigureAwait(false);
        }

        var agencies = services.GetRequiredService<Agencies.AgencyDirectory>();
        var id = at + 1 < args.Length ? args[at + 1] : "";
        if (agencies.Find(id) is null)
        {
            await output.WriteLineAsync($"Unknown agency '{id}' after {AgencyOption}. Agencies: {string.Join(", ", agencies.All.Select(a => a.Id))}.").ConfigureAwait(false);
            return 2;
        }

        using var agency = Storage.AgencyContext.Enter(id);
        string[] rest = [.. args.Take(at), .. args.Skip(at + 2)];
        return await command.RunAsync([.. rest.Skip(command.Words.Count)], output, CancellationToken.None).ConfigureAwait(false);
    }
}
