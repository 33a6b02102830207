using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Vault.Keys;

/// <summary>A data key wrapped (AES-256-GCM) by the key-encryption key named by <see cref="KeyId"/>.</summary>
internal sealed class WrappedKey
{
    public string KeyId { get; set; } = "";

    public byte[] Data { get; set; } = [];
}

/// <summary>
/// The key-encryption keys the vault knows: the current one wraps every new data key; during a rotation the old one
/// is still accepted for unwrapping, chosen by the key id stored with each wrap.
/// </summary>
internal sealed class Keyring
{
    private readonly Lock _lock = new();
    private Dictionary<string, byte[]> _keks = [];
    private string _current;

    public Keyring(byte[] currentKek, byte[]? previousKek = null)
    {
        _current = KeyIdOf(currentKek);
        _keks[_current] = currentKek;
        if (previousKek is not null)
        {
            _keks.TryAdd(KeyIdOf(previousKek), previousKek);
        }
    }

    public string CurrentKeyId
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    public IReadOnlyCollection<string> KnownKeyIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _keks.Keys];
            }
        }
    }

    /// <summary>A public name for a KEK: the first 8 bytes of a domain-separated SHA-256, hex. Reveals nothing of the key.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> kek)
    {
        Span<byte> input = stackalloc byte[32 + 24];
        Encoding.ASCII.GetBytes("ItaBot.Vault KEK id v1\n\0", input);
        kek.CopyTo(input[24..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>Starts a rotation: <paramref name="newKek"/> wraps from now on; the old key still unwraps until <see cref="Forget"/>.</summary>
    public string BeginRotation(byte[] newKek)
    {
        var id = KeyIdOf(newKek);
        lock (_lock)
        {
            var copy = new Dictionary<string, byte[]>(_keks) { [id] = newKek };
            _keks = copy;
            var old = _current;
            _current = id;
            return old;
        }
    }

    /// <summary>Ends a rotation: wraps under <paramref name="keyId"/> can no longer be opened by this process.</summary>
    public void Forget(string keyId)
    {
        lock (_lock)
        {
            if (keyId == _current)
            {
                return;
            }

            var copy = new Dictionary<string, byte[]>(_keks);
            if (copy.Remove(keyId, out var kek))
            {
                CryptographicOperations.ZeroMemory(kek);
            }

            _keks = copy;
        }
    }

    public WrappedKey Wrap(ReadOnlySpan<byte> dataKey, string owner, string slot)
    {
        string id;
        byte[] kek;
        lock (_lock)
        {
            id = _current;
            kek = _keks[id];
        }

        return new WrappedKey { KeyId = id, Data = FieldCipher.Seal(kek, WrapContext(owner, slot), dataKey) };
    }

    public byte[] Unwrap(WrappedKey wrapped, string owner, string slot)
    {
        byte[]? kek;
        lock (_lock)
        {
            _keks.TryGetValue(wrapped.KeyId, out kek);
        }

        if (kek is null)
        {
            throw new CryptographicException(
                $"A vault key is wrapped by key-encryption key {wrapped.KeyId}, which is not configured (current {CurrentKeyId}). " +
                "Configure that key, or ItaBot:Vault:PreviousKek to finish a rotation.");
        }

        return FieldCipher.Open(kek, WrapContext(owner, slot), wrapped.Data);
    }

    /// <summary>Re-wraps under the current key if needed; false when it already was.</summary>
    public bool Rewrap(WrappedKey wrapped, string owner, string slot)
    {
        if (wrapped.KeyId == CurrentKeyId)
        {
            return false;
        }

        var key = Unwrap(wrapped, owner, slot);
        try
        {
            var fresh = Wrap(key, owner, slot);
            wrapped.KeyId = fresh.KeyId;
            wrapped.Data = fresh.Data;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static string WrapContext(string owner, string slot) => $"wrap\n{owner}\n{slot}";
}
