using System.Collections.Frozen;
using ItaBot.Line.Client;
using ItaBot.LineChannel;
using ItaBot.Storage;
using Microsoft.Extensions.Options;

namespace ItaBot.Agencies;

/// <summary>One agency as the deployment knows it (the default agency's LINE keys come from <c>ItaBot:Line:*</c>, read live).</summary>
internal sealed record AgencyInfo(string Id, string Name, string? ContentDirectory, string? StaffGroupId)
{
    public bool IsDefault => string.Equals(Id, AgencyContext.DefaultId, StringComparison.Ordinal);
}

/// <summary>
/// The agencies this deployment serves, by id: "default" (the single-agency settings) and every <c>ItaBot:Agencies:&lt;id&gt;</c>.
/// Built once at start; a lookup is one frozen-dictionary read, so the webhook and each turn find their agency without
/// allocating.
/// </summary>
internal sealed class AgencyDirectory : IAgencyIds
{
    private readonly FrozenDictionary<string, (AgencyInfo Agency, AgencyOptions Options)> _agencies;
    private readonly IOptionsMonitor<LineOptions> _line;
    private readonly IOptionsMonitor<LineClientOptions> _client;

    public AgencyDirectory(IOptions<AgenciesOptions> options, IOptionsMonitor<LineOptions> line, IOptionsMonitor<LineClientOptions> client,
        IConfiguration configuration)
    {
        _line = line;
        _client = client;
        var entries = new Dictionary<string, (AgencyInfo, AgencyOptions)>(StringComparer.Ordinal);
        var configured = options.Value.Agencies;
        var defaultName = configured.GetValueOrDefault(AgencyContext.DefaultId)?.Name;
        entries[AgencyContext.DefaultId] = (new AgencyInfo(AgencyContext.DefaultId, string.IsNullOrWhiteSpace(defaultName) ? AgencyContext.DefaultId : defaultName,
            null, configuration["ItaBot:Notifications:StaffGroupId"]), new AgencyOptions());
        foreach (var (id, agency) in configured.Where(a => !string.Equals(a.Key, AgencyContext.DefaultId, StringComparison.Ordinal)))
        {
            entries[id] = (new AgencyInfo(id, string.IsNullOrWhiteSpace(agency.Name) ? id : agency.Name, agency.Content.Directory, agency.Notifications.StaffGroupId), agency);
        }

        _agencies = entries.ToFrozenDictionary(StringComparer.Ordinal);
        All = [.. _agencies.Values.Select(a => a.Agency).OrderBy(a => a.IsDefault ? 0 : 1).ThenBy(a => a.Id, StringComparer.Ordinal)];
        Ids = [.. All.Select(a => a.Id)];
    }

    /// <summary>Every agency's id, "default" first.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Every agency, "default" first.</summary>
    public IReadOnlyList<AgencyInfo> All { get; }

    /// <summary>Whether this deployment serves more than the default agency.</summary>
    public bool Several => All.Count > 1;

    /// <summary>The agency in context (<see cref="AgencyContext"/>).</summary>
    public AgencyInfo Current => Find(AgencyContext.CurrentId) ?? throw new InvalidOperationException("The agency in context is not configured.");

    public AgencyInfo? Find(string id) => _agencies.TryGetValue(id, out var entry) ? entry.Agency : null;

    /// <summary>The staff LINE group of the agency in context; the default agency's is <paramref name="defaultGroup"/> (ItaBot:Notifications:StaffGroupId).</summary>
    public string? StaffGroupOr(string? defaultGroup) => AgencyContext.Captured is { } id && _agencies.TryGetValue(id, out var entry)
        ? entry.Agency.StaffGroupId
        : defaultGroup;

    /// <summary>The key of the agency's webhook signature.</summary>
    public string? ChannelSecret(string id) => id == AgencyContext.DefaultId
        ? _line.CurrentValue.ChannelSecret
        : _agencies.TryGetValue(id, out var entry) ? entry.Options.Line.ChannelSecret : null;

    /// <summary>The agency's LINE channel access token.</summary>
    public string? ChannelAccessToken(string id) => id == AgencyContext.DefaultId
        ? _client.CurrentValue.ChannelAccessToken
        : _agencies.TryGetValue(id, out var entry) ? entry.Options.Line.ChannelAccessToken : null;

    /// <summary>
    /// A recurring job's run: for the agency in context when the job was enqueued for one, else once for every agency
    /// (recurring jobs are scheduled once for the deployment); the counts are added up.
    /// </summary>
    public async Task<int> EachAgencyAsync(Func<Task<int>> work)
    {
        if (!Several || AgencyContext.Captured is not null)
        {
            return await work().ConfigureAwait(false);
        }

        var total = 0;
        await ForEachAsync(async _ => total += await work().ConfigureAwait(false)).ConfigureAwait(false);
        return total;
    }

    /// <summary>
    /// Runs <paramref name="work"/> once for every agency, each in its own context (jobs and sweeps that cover the whole
    /// deployment); a failure for one agency does not keep the others from their turn, and is thrown after them.
    /// </summary>
    public Task ForEachAsync(Func<AgencyInfo, Task> work) => ((IAgencyIds)this).ForEachAsync(id => work(_agencies[id].Agency));
}

/// <summary>The token of the agency in context, for every LINE call (<see cref="ILineChannelToken"/>).</summary>
internal sealed class AgencyLineToken(AgencyDirectory agencies) : ILineChannelToken
{
    public string? ChannelAccessToken => agencies.ChannelAccessToken(AgencyContext.CurrentId);
}
