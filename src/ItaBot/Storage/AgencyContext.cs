namespace ItaBot.Storage;

/// <summary>
/// The agency whose records a store reads and writes. Every PostgreSQL table is keyed by agency first. The agency is
/// ambient: whoever starts work for an agency (the webhook of <c>/webhook/&lt;id&gt;</c>, a lane working that agency's
/// conversation, a staff request, a job, a command with <c>--agency</c>) enters it with <see cref="Enter"/>, and it flows
/// with the async calls below, so the singletons that read <see cref="Id"/> (stores, the LINE client's token, the content
/// pack) serve that agency. Outside any, it is "default": the agency of the single-agency settings.
/// </summary>
internal sealed class AgencyContext
{
    public const string DefaultId = "default";

    // Null stands for "default", so a single-agency deployment never sets it (no execution-context copies per turn).
    private static readonly AsyncLocal<string?> Ambient = new();

    private readonly string? _fixed;

    /// <summary>The ambient agency: the one in context whenever <see cref="Id"/> is read.</summary>
    public AgencyContext()
    {
    }

    /// <summary>A named agency's context, for work done for one agency outside a request (e.g. <c>migrate --agency</c>).</summary>
    public AgencyContext(string id) => _fixed = id;

    /// <summary>The agency of this context: its fixed agency, else the agency in context.</summary>
    public string Id => _fixed ?? Ambient.Value ?? DefaultId;

    /// <summary>The agency in context.</summary>
    public static string CurrentId => Ambient.Value ?? DefaultId;

    /// <summary>The agency in context, null for "default": what work handed to another thread carries (<see cref="Enter"/> takes it back).</summary>
    public static string? Captured => Ambient.Value;

    /// <summary>
    /// Makes <paramref name="agencyId"/> the agency of this flow until the scope is disposed. Inside an async method the
    /// change ends with the method anyway; dispose it where the agency must end earlier or the method is synchronous.
    /// </summary>
    public static Scope Enter(string? agencyId)
    {
        var next = agencyId is null || string.Equals(agencyId, DefaultId, StringComparison.Ordinal) ? null : agencyId;
        var previous = Ambient.Value;
        if (!string.Equals(previous, next, StringComparison.Ordinal))
        {
            Ambient.Value = next;
            return new Scope(previous, true);
        }

        return default;
    }

    /// <summary>Puts the agency that was in context back.</summary>
    public readonly struct Scope(string? previous, bool changed) : IDisposable
    {
        public void Dispose()
        {
            if (changed)
            {
                Ambient.Value = previous;
            }
        }
    }
}

/// <summary>The ids of the agencies this deployment serves, "default" first (<c>Agencies.AgencyDirectory</c>), for work done once per agency below the feature folders.</summary>
internal interface IAgencyIds
{
    IReadOnlyList<string> Ids { get; }

    /// <summary>
    /// Runs <paramref name="work"/> once for every agency, each in its own context; a failure for one agency does not keep
    /// the others from their turn, and is thrown after them.
    /// </summary>
    async Task ForEachAsync(Func<string, Task> work)
    {
        List<Exception>? failures = null;
        foreach (var id in Ids)
        {
            try
            {
                using var scope = AgencyContext.Enter(id);
                await work(id).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is not null)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }
    }
}
