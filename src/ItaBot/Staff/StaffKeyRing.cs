using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ItaBot.Storage;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ItaBot.Staff;

/// <summary>
/// The key that seals the data-protection key ring (which protects staff cookies and TOTP secrets) in data/keys:
/// <c>ItaBot:Staff:KeyRingKey</c> (base64 of 32 bytes) or <c>ItaBot:Staff:KeyRingKeyFile</c>, kept outside the data
/// directory so that a copy of it (a backup) opens no session and no TOTP secret.
/// </summary>
internal sealed class StaffKeyRingKey(IOptions<StaffOptions> staff, IOptions<StorageOptions> storage)
{
    private readonly Lazy<byte[]> _key = new(() => Read(staff.Value, storage.Value.DataDirectory));

    public byte[] Key => _key.Value;

    /// <summary>The key, or an exception with one line naming the setting.</summary>
    public static byte[] Read(StaffOptions options, string dataDirectory)
    {
        const string Setting = StaffOptions.Section + ":KeyRingKey";
        if (!string.IsNullOrWhiteSpace(options.KeyRingKey) && !string.IsNullOrWhiteSpace(options.KeyRingKeyFile))
        {
            throw new InvalidOperationException($"Set {Setting} or {Setting}File, not both.");
        }

        string text;
        if (!string.IsNullOrWhiteSpace(options.KeyRingKey))
        {
            text = options.KeyRingKey;
        }
        else if (!string.IsNullOrWhiteSpace(options.KeyRingKeyFile))
        {
            var path = Path.GetFullPath(options.KeyRingKeyFile);
            var relative = Path.GetRelativePath(Path.GetFullPath(dataDirectory), path);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
            {
                throw new InvalidOperationException($"{Setting}File ({path}) lies inside the data directory; keep it elsewhere, or a copy of the data directory would open every staff session.");
            }

            text = File.Exists(path) ? File.ReadAllText(path) : throw new InvalidOperationException($"{Setting}File: no file at {path}.");
        }
        else
        {
            throw new InvalidOperationException($"{Setting} or {Setting}File is required: the key (base64 of 32 random bytes, kept outside the data directory) that encrypts the staff sign-in key ring.");
        }

        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length == 32 ? key : throw new InvalidOperationException($"{Setting} must be 32 bytes (base64 of 32 random bytes), not {key.Length}.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{Setting} is not base64.");
        }
    }
}

/// <summary>Refuses the start (one line) when the key ring's key is missing or unusable.</summary>
internal sealed class StaffKeyRingValidator(IOptions<StorageOptions> storage) : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        try
        {
            StaffKeyRing.Check(StaffKeyRingKey.Read(options, storage.Value.DataDirectory));
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}

/// <summary>AES-256-GCM over each key element that data protection marks for encryption.</summary>
internal static class StaffKeyRing
{
    public const string ElementName = "itabotSealed";
    private static readonly byte[] Context = Encoding.ASCII.GetBytes("ItaBot staff key ring v1");

    public static XElement Seal(byte[] key, XElement plain)
    {
        var bytes = Encoding.UTF8.GetBytes(plain.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[12 + bytes.Length + 16];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(sealedBytes.AsSpan(0, 12), bytes, sealedBytes.AsSpan(12, bytes.Length), sealedBytes.AsSpan(12 + bytes.Length), Context);
        }

        return new XElement(ElementName, new XAttribute("v", "1"), Convert.ToBase64String(sealedBytes));
    }

    public static XElement Open(byte[] key, XElement sealedElement)
    {
        var sealedBytes = Convert.FromBase64String(sealedElement.Value);
        var plain = new byte[sealedBytes.Length - 12 - 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length), plain, Context);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }

    /// <summary>A round trip, so that a wrong-sized key fails at start and not at the first sign-in.</summary>
    public static void Check(byte[] key) => Open(key, Seal(key, new XElement("check")));
}

internal sealed class StaffKeyRingEncryptor(StaffKeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(StaffKeyRing.Seal(key.Key, plaintextElement), typeof(StaffKeyRingDecryptor));
}

/// <summary>Created by data protection from the type name stored in the key file, with the service provider.</summary>
internal sealed class StaffKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        StaffKeyRing.Open(services.GetRequiredService<StaffKeyRingKey>().Key, encryptedElement);
}
