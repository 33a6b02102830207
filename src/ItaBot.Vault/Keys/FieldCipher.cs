using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Vault.Keys;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per encryption. Stored form: nonce (12) | tag (16) | ciphertext.
/// The associated data names the owner (report id) and the field, so a ciphertext moved to another report or field
/// fails to open instead of showing up in the wrong place.
/// </summary>
internal static class FieldCipher
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("ItaBot.Vault v1\n");

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static byte[] Seal(ReadOnlySpan<byte> key, string context, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Associated(context));
        return output;
    }

    public static byte[] Open(ReadOnlySpan<byte> key, string context, ReadOnlySpan<byte> sealedData)
    {
        if (sealedData.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("Sealed vault data is too short.");
        }

        var plaintext = new byte[sealedData.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedData[..NonceSize], sealedData[(NonceSize + TagSize)..], sealedData.Slice(NonceSize, TagSize), plaintext, Associated(context));
        return plaintext;
    }

    public static byte[] SealField(ReadOnlySpan<byte> key, string reportId, string field, ReadOnlySpan<byte> plaintext) =>
        Seal(key, $"field\n{reportId}\n{field}", plaintext);

    public static byte[] OpenField(ReadOnlySpan<byte> key, string reportId, string field, ReadOnlySpan<byte> sealedData) =>
        Open(key, $"field\n{reportId}\n{field}", sealedData);

    public static byte[] SealText(ReadOnlySpan<byte> key, string reportId, string field, string text) =>
        SealField(key, reportId, field, Encoding.UTF8.GetBytes(text));

    public static string OpenText(ReadOnlySpan<byte> key, string reportId, string field, ReadOnlySpan<byte> sealedData) =>
        Encoding.UTF8.GetString(OpenField(key, reportId, field, sealedData));

    private static byte[] Associated(string context)
    {
        var text = Encoding.UTF8.GetBytes(context);
        var all = new byte[Domain.Length + text.Length];
        Domain.CopyTo(all, 0);
        text.CopyTo(all, Domain.Length);
        return all;
    }
}
