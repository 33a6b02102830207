namespace ItaBot.Flex;

/// <summary>A template is broken: the message is one line naming the file and the JSON path, e.g.
/// <c>flex-templates/service.json: $.footer.contents[0].action.uri: "ftp://x" is not an http, https, line or tel link</c>.</summary>
internal sealed class FlexTemplateException : Exception
{
    public FlexTemplateException()
        : this("flex-templates", "$", "is broken")
    {
    }

    public FlexTemplateException(string message)
        : this("flex-templates", "$", message)
    {
    }

    public FlexTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "flex-templates";
        JsonPath = "$";
        Problem = message;
    }

    public FlexTemplateException(string file, string jsonPath, string problem, Exception? innerException = null)
        : base($"{file}: {jsonPath}: {problem}", innerException)
    {
        File = file;
        JsonPath = jsonPath;
        Problem = problem;
    }

    public string File { get; }

    public string JsonPath { get; }

    public string Problem { get; }
}
