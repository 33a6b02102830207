using System.Text.Json.Nodes;

namespace ItaBot.Dialogs.State;

/// <summary>
/// Everything remembered about one conversation, as one JSON document: the dialog stack, a conversation
/// bag, a bag per user of the conversation (several in a group chat) and when the conversation last moved.
/// The objects handed out are live views into the document; changing them changes what is saved.
/// </summary>
public sealed class ConversationState
{
    private const string StackKey = "dialogStack";
    private const string ConversationKey = "conversation";
    private const string UsersKey = "users";
    private const string LastActivityKey = "lastActivityAt";

    private readonly JsonObject _root;

    public ConversationState()
        : this(new JsonObject())
    {
    }

    private ConversationState(JsonObject root) => _root = root;

    /// <summary>The dialog stack; <c>DialogStack[0]</c> is the active dialog.</summary>
    public DialogStack DialogStack => new(EnsureArray(_root, StackKey));

    /// <summary>Data shared by everyone in the conversation.</summary>
    public JsonObject Conversation => EnsureObject(_root, ConversationKey);

    /// <summary>When the last turn of this conversation ran (by the manager's clock).</summary>
    public DateTimeOffset? LastActivityAt
    {
        get => _root[LastActivityKey]?.GetValue<DateTimeOffset>();
        set => _root[LastActivityKey] = value is { } at ? JsonValue.Create(at) : null;
    }

    /// <summary>
    /// Set by <see cref="Forget"/>: the manager deletes the stored state at the end of the turn instead of saving it.
    /// </summary>
    public bool IsForgotten { get; private set; }

    /// <summary>
    /// Erases the whole conversation state, stack and bags, at the end of this turn (the protected flow does this on
    /// submit so nothing of the report stays behind).
    /// </summary>
    public void Forget()
    {
        _root.Clear();
        IsForgotten = true;
    }

    /// <summary>Data about one user of this conversation.</summary>
    public JsonObject ForUser(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        return EnsureObject(EnsureObject(_root, UsersKey), userId);
    }

    public string ToJson() => _root.ToJsonString();

    /// <exception cref="FormatException">The text is not a stored conversation state.</exception>
    public static ConversationState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json) is JsonObject root
                ? new ConversationState(root)
                : throw new FormatException("A conversation state is a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new FormatException("A conversation state is not valid JSON.", e);
        }
    }

    internal static JsonObject EnsureObject(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    internal static JsonArray EnsureArray(JsonObject parent, string key)
    {
        if (parent[key] is JsonArray existing)
        {
            return existing;
        }

        var created = new JsonArray();
        parent[key] = created;
        return created;
    }
}
