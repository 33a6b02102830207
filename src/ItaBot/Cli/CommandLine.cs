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
}

internal static class CommandLine
{
    /// <summary>Runs the command named by <paramref name="args"/>; null when the args name none (start the server).</summary>
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

        return await command.RunAsync([.. args.Skip(command.Words.Count)], output, CancellationToken.None).ConfigureAwait(false);
    }
}
