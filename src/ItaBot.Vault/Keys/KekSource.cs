namespace ItaBot.Vault.Keys;

/// <summary>Reads key-encryption keys from settings or key files, refusing any key file inside the data directory.</summary>
internal static class KekSource
{
    public static byte[] Current(VaultOptions options) =>
        Read(options.Kek, options.KekFile, options.DataDirectory, "Kek")
        ?? throw new InvalidOperationException(
            $"{VaultOptions.Section}:Kek or {VaultOptions.Section}:KekFile is required: the vault's key-encryption key (base64 of 32 random bytes), kept outside the data directory.");

    public static byte[]? Previous(VaultOptions options) =>
        Read(options.PreviousKek, options.PreviousKekFile, options.DataDirectory, "PreviousKek");

    /// <summary>Parses base64 of exactly 32 bytes.</summary>
    public static byte[] Parse(string base64, string setting)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{VaultOptions.Section}:{setting} is not base64.");
        }

        return key.Length == FieldCipher.KeySize
            ? key
            : throw new InvalidOperationException($"{VaultOptions.Section}:{setting} must be 32 bytes (base64 of 32 random bytes), not {key.Length}.");
    }

    /// <summary>Reads a key file after checking it lies outside <paramref name="dataDirectory"/> (symbolic links followed).</summary>
    public static byte[] ReadFile(string path, string dataDirectory, string setting)
    {
        EnsureOutside(path, dataDirectory, setting);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{VaultOptions.Section}:{setting}File: no file at {Path.GetFullPath(path)}.");
        }

        return Parse(File.ReadAllText(path), setting + "File");
    }

    public static void EnsureOutside(string path, string dataDirectory, string setting)
    {
        var data = RealPath(dataDirectory);
        foreach (var candidate in (string[])[Path.GetFullPath(path), RealPath(path)])
        {
            var relative = Path.GetRelativePath(data, candidate);
            var inside = relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
            if (inside)
            {
                throw new InvalidOperationException(
                    $"{VaultOptions.Section}:{setting}File ({candidate}) lies inside the vault's data directory ({data}); " +
                    "keep the key-encryption key elsewhere, or a copy of the data directory would open every report.");
            }
        }
    }

    private static byte[]? Read(string? inline, string? file, string dataDirectory, string setting)
    {
        if (!string.IsNullOrWhiteSpace(inline) && !string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidOperationException($"Set {VaultOptions.Section}:{setting} or {VaultOptions.Section}:{setting}File, not both.");
        }

        if (!string.IsNullOrWhiteSpace(inline))
        {
            return Parse(inline, setting);
        }

        return string.IsNullOrWhiteSpace(file) ? null : ReadFile(file, dataDirectory, setting);
    }

    /// <summary>The full path with symbolic links resolved along the way (for paths that exist).</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = new Stack<string>();
        var current = full;
        while (!string.IsNullOrEmpty(current) && !Path.Exists(current))
        {
            parts.Push(Path.GetFileName(current));
            current = Path.GetDirectoryName(current);
        }

        if (string.IsNullOrEmpty(current))
        {
            return full;
        }

        var resolved = ResolveExisting(current);
        while (parts.Count > 0)
        {
            resolved = Path.Combine(resolved, parts.Pop());
        }

        return resolved;
    }

    private static string ResolveExisting(string path)
    {
        var parent = Path.GetDirectoryName(path);
        var resolvedParent = string.IsNullOrEmpty(parent) ? path : ResolveExisting(parent);
        var here = parent is null ? path : Path.Combine(resolvedParent, Path.GetFileName(path));
        FileSystemInfo info = Directory.Exists(here) ? new DirectoryInfo(here) : new FileInfo(here);
        var target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? here : Path.GetFullPath(target.FullName);
    }
}
