using ItaBot.Content;

namespace ItaBot.Tests.Content;

/// <summary>The shipped pack's folder, and throwaway copies of it to break on purpose.</summary>
internal sealed class TempContentPack : IDisposable
{
    public TempContentPack()
    {
        Directory = Path.Combine(Path.GetTempPath(), "itabot-content-" + Guid.NewGuid().ToString("N"), "content");
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var file in System.IO.Directory.GetFiles(ShippedDirectory, "*.yaml"))
        {
            File.Copy(file, Path.Combine(Directory, Path.GetFileName(file)));
        }
    }

    public static string ShippedDirectory { get; } =
        ContentOptions.FindDefault(AppContext.BaseDirectory) ?? throw new InvalidOperationException("content/ not found next to the tests");

    public string Directory { get; }

    public string PathOf(string file) => Path.Combine(Directory, file);

    public string Read(string file) => File.ReadAllText(PathOf(file));

    public void Write(string file, string text) => File.WriteAllText(PathOf(file), text);

    /// <summary>Replaces the first occurrence of <paramref name="old"/> and returns the 1-based line where it was.</summary>
    public int Replace(string file, string old, string replacement)
    {
        var text = Read(file);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' not found in {file}");
        Write(file, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
        return LineAt(text, at);
    }

    public static int LineAt(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(Directory)!, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}
