namespace ItaBot.Content;

/// <summary>One mistake in the content pack, located the way an editor looks for it: file, line, field.</summary>
internal sealed record ContentError(string File, int Line, string Field, string Message)
{
    public override string ToString() =>
        Line > 0
            ? $"{File} line {Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Field}: {Message}"
            : $"{File}: {Field}: {Message}";
}

/// <summary>The content pack did not load; <see cref="Errors"/> holds every mistake found, not just the first.</summary>
internal sealed class ContentPackException : Exception
{
    public ContentPackException(IReadOnlyList<ContentError> errors)
        : base(Describe(errors)) => Errors = errors;

    public ContentPackException()
        : this([])
    {
    }

    public ContentPackException(string message)
        : base(message) => Errors = [];

    public ContentPackException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<ContentError> Errors { get; }

    /// <summary>All errors on one line, for the start-up failure message.</summary>
    public static string Describe(IReadOnlyList<ContentError> errors) =>
        errors.Count == 0
            ? "The content pack is invalid."
            : $"The content pack has {errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} error(s): {string.Join("; ", errors)}";
}
