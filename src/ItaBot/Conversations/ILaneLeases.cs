namespace ItaBot.Conversations;

/// <summary>
/// Several nodes on one database: which node works a conversation's lane now. A node works a lane only while it holds
/// its lease, so one conversation's turns never run on two nodes at once; a lease that is not renewed expires, so a
/// node that dies leaves its conversations to the others. Registered only where several nodes can share the store.
/// </summary>
internal interface ILaneLeases
{
    /// <summary>Takes the lane's lease if no live node holds it (or this node already does).</summary>
    Task<bool> TryAcquireAsync(string lane, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this node may still start work on the lane: false once its lease could have expired (counted on this
    /// node's clock from before the last acquire or renewal, a margin short), or once a renewal found it taken.
    /// </summary>
    bool IsHeld(string lane);

    /// <summary>Renews every lease this node holds; leases found expired or taken are dropped.</summary>
    Task RenewAsync(CancellationToken cancellationToken);

    /// <summary>Lets the lane go, for any node to take at once.</summary>
    Task ReleaseAsync(string lane);

    /// <summary>Of <paramref name="lanes"/>, those no live node holds.</summary>
    Task<List<string>> UnclaimedAsync(IReadOnlyCollection<string> lanes, CancellationToken cancellationToken);
}
