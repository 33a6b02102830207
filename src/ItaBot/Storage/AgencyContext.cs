namespace ItaBot.Storage;

/// <summary>
/// The agency whose records a store reads and writes. Every PostgreSQL table is keyed by agency first; one agency,
/// "default", until a deployment serves several (issue 18 item 3 makes this per request).
/// </summary>
internal sealed class AgencyContext
{
    public const string DefaultId = "default";

    public AgencyContext()
        : this(DefaultId)
    {
    }

    /// <summary>A named agency's context, for work done for one agency outside a request (e.g. <c>migrate --agency</c>).</summary>
    public AgencyContext(string id) => Id = id;

    public string Id { get; }
}
