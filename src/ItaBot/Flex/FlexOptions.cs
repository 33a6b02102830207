namespace ItaBot.Flex;

/// <summary><c>ItaBot:Flex</c>: where the Flex templates live.</summary>
internal sealed class FlexOptions
{
    public const string Section = "ItaBot:Flex";
    public const string FolderName = "flex-templates";

    /// <summary>
    /// The folder holding <c>service.json</c> and the other templates. Empty: the nearest <c>flex-templates/</c> folder
    /// found by walking up from the content root, then from the application's base directory (the build copies it there).
    /// </summary>
    public string? Directory { get; set; }

    public static string? FindDefault(params string?[] startPoints) =>
        ShippedFolder.Find(FolderName, FlexTemplates.ServiceCard + ".json", startPoints);
}
