namespace ItaBot;

/// <summary>
/// Finds a folder the repository ships beside the code (content/, flex-templates/, richmenu/): the nearest one, walking
/// up from each start point in turn (the content root, then the application's base directory, where the build copies
/// it), that holds the given marker file.
/// </summary>
internal static class ShippedFolder
{
    public static string? Find(string folderName, string markerFile, params string?[] startPoints)
    {
        foreach (var start in startPoints)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, folderName);
                if (File.Exists(Path.Combine(candidate, markerFile)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
