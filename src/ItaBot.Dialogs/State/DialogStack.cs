using System.Collections;
using System.Text.Json.Nodes;

namespace ItaBot.Dialogs.State;

/// <summary>One dialog on the stack: its id and its own JSON state.</summary>
public sealed class DialogInstance
{
    private const string IdKey = "id";
    private const string StateKey = "state";

    public DialogInstance(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Node = new JsonObject { [IdKey] = id, [StateKey] = new JsonObject() };
    }

    internal DialogInstance(JsonObject node) => Node = node;

    public string Id => Node[IdKey]?.GetValue<string>() ?? throw new InvalidOperationException("A stored dialog instance has no id.");

    public JsonObject State => ConversationState.EnsureObject(Node, StateKey);

    internal JsonObject Node { get; }

    internal bool IsSameAs(DialogInstance? other) => other is not null && ReferenceEquals(Node, other.Node);
}

/// <summary>A dialog stack kept as a JSON array; index 0 is the active dialog, as in Bot Builder.</summary>
public sealed class DialogStack : IReadOnlyList<DialogInstance>
{
    private readonly JsonArray _items;

    internal DialogStack(JsonArray items) => _items = items;

    public int Count => _items.Count;

    public DialogInstance this[int index] =>
        _items[index] is JsonObject node ? new DialogInstance(node) : throw new InvalidOperationException("A stored dialog instance is not a JSON object.");

    internal void Push(DialogInstance instance) => _items.Insert(0, instance.Node);

    internal void Pop() => _items.RemoveAt(0);

    public IEnumerator<DialogInstance> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
