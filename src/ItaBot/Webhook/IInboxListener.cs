namespace ItaBot.Webhook;

/// <summary>Told of the events the inbox just stored (after the commit), in arrival order: the turn processor.</summary>
internal interface IInboxListener
{
    void Enqueue(IEnumerable<InboxEntry> entries);
}
