using System.Diagnostics;
using System.Globalization;

namespace ItaBot.Hosting;

/// <summary>
/// ASP.NET spools large request bodies to <c>ASPNETCORE_TEMP</c> (by default the OS temp folder) in plain form, and a
/// killed process leaves them there. The protected forms never spool (they are read into memory); for every other form
/// the spool goes to a folder of this process only (readable by this user only), and the folders of processes that
/// are gone, with any <c>ASPNETCORE_*.tmp</c> they left in the OS temp folder, are deleted at start.
/// </summary>
internal static class TempFiles
{
    private const string Variable = "ASPNETCORE_TEMP";

    public static void KeepPrivate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 })
        {
            return;   // the operator chose a place; leave it to them
        }

        var system = Path.GetTempPath();
        var root = Path.Combine(system, "itabot-spool");
        RemoveOrphans(system, root);
        var mine = Path.Combine(root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(mine);
        }
        else
        {
            Directory.CreateDirectory(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.CreateDirectory(mine, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Environment.SetEnvironmentVariable(Variable, mine);
    }

    private static void RemoveOrphans(string system, string root)
    {
        // A spool file still open by another running service stays usable after the unlink (POSIX); on Windows it is locked.
        foreach (var file in SafeEnumerate(() => Directory.EnumerateFiles(system, "ASPNETCORE_*.tmp")))
        {
            Try(() => File.Delete(file));
        }

        foreach (var folder in SafeEnumerate(() => Directory.EnumerateDirectories(root)))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !IsAlive(pid))
            {
                Try(() => Directory.Delete(folder, recursive: true));
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static List<string> SafeEnumerate(Func<IEnumerable<string>> list)
    {
        try
        {
            return list().ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void Try(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Someone else's, or in use: not ours to force.
        }
    }
}
