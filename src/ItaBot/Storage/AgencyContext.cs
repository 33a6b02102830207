namespace ItaBot.Storage;

/// <summary>
/// The agency whose records a store reads and writes. Every PostgreSQL table is keyed by agency first; one agency,
/// "default", until a deployment serves several (issue 18 item 3 makes this per request).
/// </summary>
internal sealed class AgencyContext
{
    public const string DefaultId = "default";

    public string Id { get; } = DefaultId;
}
