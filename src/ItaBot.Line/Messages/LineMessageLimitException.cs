namespace ItaBot.Line.Messages;

/// <summary>
/// A message breaks one of LINE's limits and would be rejected with a 400 (and then nothing in the request is sent).
/// <see cref="Property"/> is the path in LINE's own style, e.g. <c>messages[0].quickReply.items</c>;
/// <see cref="Limit"/> is the stable name of the rule: a <see cref="MessageLimits"/> member name, or
/// <c>ActionPlacement</c> (an action type used where LINE does not allow it) or <c>LabelRequired</c>.
/// </summary>
public sealed class LineMessageLimitException : ArgumentException
{
    /// <summary>A message breaks a LINE limit (unspecified).</summary>
    public LineMessageLimitException()
        : this("messages", nameof(MessageLimits), "breaks a LINE message limit")
    {
    }

    /// <summary>A message breaks a LINE limit, described by <paramref name="message"/>.</summary>
    public LineMessageLimitException(string message)
        : this("messages", nameof(MessageLimits), message)
    {
    }

    /// <summary>A message breaks a LINE limit, found through <paramref name="innerException"/>.</summary>
    public LineMessageLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
        Property = "messages";
        Limit = nameof(MessageLimits);
    }

    /// <summary>The message at <paramref name="property"/> breaks the rule <paramref name="limit"/>: <paramref name="problem"/>.</summary>
    public LineMessageLimitException(string property, string limit, string problem)
        : base($"{property}: {problem}")
    {
        Property = property;
        Limit = limit;
    }

    /// <summary>Where the problem is, e.g. <c>messages[1].template.actions[0].label</c>.</summary>
    public string Property { get; }

    /// <summary>Which rule was broken, e.g. <c>QuickReplyItems</c>.</summary>
    public string Limit { get; }
}
