using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Vault;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Storage.PostgreSql;

/// <summary>
/// Seals citizens' words before PostgreSQL sees them (issue 18 item 4). The inbox, the outbox and dialog state hold what a
/// citizen typed before the understanding step knows it is a report of corruption, and PostgreSQL keeps every old row
/// version (until VACUUM) and every change in WAL, so redacting afterwards cannot make it gone: it must never be written
/// in clear. Each value is AES-256-GCM under a random data key of its agency and UTC day; the data keys live in
/// <c>seal_keys</c> wrapped by a key derived from the vault's KEK (from configuration, never in the database), so a copy
/// of the database alone is ciphertext. Data keys older than the stores' retention are deleted
/// (<see cref="DestroyKeysBefore"/>), which makes every value sealed under them unreadable even with the KEK once the
/// dead key rows are vacuumed and their WAL recycled.
/// </summary>
/// <para>Several agencies: each agency's keys are wrapped under its own KEK (the named <see cref="VaultOptions"/> of its id).</para>
internal sealed class PgTextSeal(NpgsqlDataSource dataSource, IOptions<VaultOptions> vault, AgencyContext agency, TimeProvider time,
    IOptionsMonitor<VaultOptions>? agencyVaults = null)
{
    /// <summary>Marks a sealed value; a value without it was stored before sealing existed and is read as it is.</summary>
    public const string Prefix = "~s1:";

    private const string Purpose = "postgresql text seal";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Day keys by agency and day (an agency's key never opens another's values).</summary>
    private readonly ConcurrentDictionary<(string Agency, int Epoch), byte[]> _keys = new();
    private readonly ConcurrentDictionary<string, AgencyKeks> _keks = new(StringComparer.Ordinal);

    /// <summary>The wrapping keys of the agency in context, derived once.</summary>
    private AgencyKeks Keks => _keks.GetOrAdd(agency.Id, id =>
    {
        var options = string.Equals(id, AgencyContext.DefaultId, StringComparison.Ordinal) || agencyVaults is null ? vault.Value : agencyVaults.Get(id);
        return new AgencyKeks(
            new Lazy<(byte[] Key, byte[] Id)>(() => Kek(options.DeriveServiceKey(Purpose)
                ?? throw new InvalidOperationException($"Agency {id} has no vault key (ItaBot:Agencies:{id}:Vault:Kek)."))),
            new Lazy<(byte[] Key, byte[] Id)?>(() => options.DeriveServiceKey(Purpose, previous: true) is { } key ? Kek(key) : null));
    });

    /// <summary>Seals <paramref name="text"/> for the column named by <paramref name="field"/> (bound into the ciphertext: a value copied elsewhere does not open).</summary>
    public string? Seal(string? text, string field)
    {
        if (text is null)
        {
            return null;
        }

        var epoch = Epoch(time.GetUtcNow());
        var key = KeyFor(epoch, create: true)!;
        // One pooled buffer for nonce, tag and ciphertext, the plain text after it; the stored string is written once
        // from it (no intermediate Base64 string: a turn seals its event, its state and its answer's JSON).
        var plainLength = Encoding.UTF8.GetByteCount(text);
        var sealedLength = NonceSize + TagSize + plainLength;
        var buffer = ArrayPool<byte>.Shared.Rent(sealedLength + plainLength);
        try
        {
            var sealedBytes = buffer.AsSpan(0, sealedLength);
            var plain = buffer.AsSpan(sealedLength, plainLength);
            Encoding.UTF8.GetBytes(text, plain);
            RandomNumberGenerator.Fill(sealedBytes[..NonceSize]);
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Encrypt(sealedBytes[..NonceSize], plain, sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), Associated(field, epoch));
            }

            CryptographicOperations.ZeroMemory(plain);
            Span<char> epochText = stackalloc char[11];
            epoch.TryFormat(epochText, out var epochLength, provider: CultureInfo.InvariantCulture);
            var head = Prefix.Length + epochLength + 1;
            return string.Create(head + ((sealedLength + 2) / 3 * 4), (Buffer: buffer, Length: sealedLength, Epoch: epoch, Head: head), static (chars, state) =>
            {
                Prefix.AsSpan().CopyTo(chars);
                state.Epoch.TryFormat(chars[Prefix.Length..], out _, provider: CultureInfo.InvariantCulture);
                chars[state.Head - 1] = ':';
                Convert.TryToBase64Chars(state.Buffer.AsSpan(0, state.Length), chars[state.Head..], out _);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The text of a sealed value (an unsealed one as it is); null when its data key has been destroyed.</summary>
    public string? Unseal(string? stored, string field)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var colon = stored.IndexOf(':', Prefix.Length);
        var epoch = int.Parse(stored.AsSpan(Prefix.Length, colon - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        if (KeyFor(epoch, create: false) is not { } key)
        {
            return null;
        }

        // Decoded straight from the stored string into a pooled buffer (no substring, no array per value).
        var base64 = stored.AsSpan(colon + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(base64.Length / 4 * 3 * 2);
        try
        {
            if (!Convert.TryFromBase64Chars(base64, buffer, out var sealedLength) || sealedLength < NonceSize + TagSize)
            {
                throw new FormatException("A sealed value is not valid Base64.");
            }

            var sealedBytes = buffer.AsSpan(0, sealedLength);
            var plain = buffer.AsSpan(sealedLength, sealedLength - NonceSize - TagSize);
            using (var aes = new AesGcm(key, TagSize))
            {
                aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, Associated(field, epoch));
            }

            var text = Encoding.UTF8.GetString(plain);
            CryptographicOperations.ZeroMemory(plain);
            return text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Deletes the data keys of days before <paramref name="cutoff"/>: what was sealed under them cannot be opened any more.</summary>
    public int DestroyKeysBefore(DateTime cutoff)
    {
        var epoch = Epoch(new DateTimeOffset(PgCommandExtensions.Utc(cutoff)));
        using var command = dataSource.CreateCommand("delete from seal_keys where agency_id = @agency and epoch < @epoch")
            .With("agency", agency.Id).With("epoch", epoch);
        var deleted = command.ExecuteNonQuery();
        foreach (var old in _keys.Keys.Where(k => k.Epoch < epoch && string.Equals(k.Agency, agency.Id, StringComparison.Ordinal)))
        {
            if (_keys.TryRemove(old, out var key))
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        return deleted;
    }

    /// <summary>
    /// Wraps every day's key still under the previous KEK again under the current one (loading a key does it), so that
    /// <c>PreviousKek</c> can go once this ran; returns how many. Throws if a key is wrapped by neither KEK.
    /// </summary>
    public int RewrapOld()
    {
        List<int> epochs;
        using (var command = dataSource.CreateCommand("select epoch from seal_keys where agency_id = @agency and kek_id <> @kekId")
            .With("agency", agency.Id).With("kekId", Keks.Current.Value.Id))
        {
            epochs = command.ReadAll(r => r.GetInt32(0));
        }

        foreach (var epoch in epochs)
        {
            _keys.TryRemove((agency.Id, epoch), out _);
            KeyFor(epoch, create: false);
        }

        return epochs.Count;
    }

    private static int Epoch(DateTimeOffset at) => (int)(at.ToUnixTimeSeconds() / 86_400);

    private byte[] Associated(string field, int epoch) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{agency.Id}|{field}|{epoch}"));

    /// <summary>The day's data key: from memory, else unwrapped from seal_keys, else (when sealing) made and stored once for every node.</summary>
    private byte[]? KeyFor(int epoch, bool create)
    {
        if (_keys.TryGetValue((agency.Id, epoch), out var cached))
        {
            return cached;
        }

        var key = Load(epoch);
        if (key is null && create)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            var (kek, kekId) = Keks.Current.Value;
            // Another node may store its key for the day first: the primary key keeps one, and everyone loads that one.
            using (var insert = dataSource.CreateCommand(
                "insert into seal_keys (agency_id, epoch, kek_id, wrapped) values (@agency, @epoch, @kekId, @wrapped) on conflict do nothing")
                .With("agency", agency.Id).With("epoch", epoch).With("kekId", kekId).With("wrapped", Wrap(kek, fresh, epoch)))
            {
                insert.ExecuteNonQuery();
            }

            CryptographicOperations.ZeroMemory(fresh);
            key = Load(epoch);
        }

        return key is null ? null : _keys.GetOrAdd((agency.Id, epoch), key);
    }

    private byte[]? Load(int epoch)
    {
        using var command = dataSource.CreateCommand("select kek_id, wrapped from seal_keys where agency_id = @agency and epoch = @epoch")
            .With("agency", agency.Id).With("epoch", epoch);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var kekId = (byte[])reader[0];
        var wrapped = (byte[])reader[1];
        var (kek, currentId) = Keks.Current.Value;
        if (kekId.AsSpan().SequenceEqual(currentId))
        {
            return Unwrap(kek, wrapped, epoch);
        }

        // Wrapped before a KEK rotation: open with the previous KEK, wrap again with the current one.
        if (Keks.Previous.Value is { } previous && kekId.AsSpan().SequenceEqual(previous.Id))
        {
            var key = Unwrap(previous.Key, wrapped, epoch);
            reader.Close();
            using var rewrap = dataSource.CreateCommand("update seal_keys set kek_id = @kekId, wrapped = @wrapped where agency_id = @agency and epoch = @epoch")
                .With("agency", agency.Id).With("epoch", epoch).With("kekId", currentId).With("wrapped", Wrap(kek, key, epoch));
            rewrap.ExecuteNonQuery();
            return key;
        }

        throw new InvalidOperationException(
            "The sealing keys in PostgreSQL were wrapped by another ItaBot:Vault:Kek than the one configured (nor ItaBot:Vault:PreviousKek).");
    }

    private byte[] Wrap(byte[] kek, byte[] key, int epoch)
    {
        var wrapped = new byte[NonceSize + TagSize + key.Length];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
        using var aes = new AesGcm(kek, TagSize);
        aes.Encrypt(wrapped.AsSpan(0, NonceSize), key, wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), Associated("seal-key", epoch));
        return wrapped;
    }

    private byte[] Unwrap(byte[] kek, byte[] wrapped, int epoch)
    {
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(kek, TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), key, Associated("seal-key", epoch));
        return key;
    }

    private sealed record AgencyKeks(Lazy<(byte[] Key, byte[] Id)> Current, Lazy<(byte[] Key, byte[] Id)?> Previous);

    /// <summary>The KEK-derived wrapping key and its id (8 bytes of a domain-separated SHA-256; reveals nothing of the key).</summary>
    private static (byte[] Key, byte[] Id) Kek(byte[] key) =>
        (key, SHA256.HashData([.. "ItaBot seal key id|"u8, .. key])[..8]);
}

/// <summary>The wrapped data keys of <see cref="PgTextSeal"/>, one per agency and UTC day.</summary>
internal sealed class SealPostgreSqlSchema : IPostgreSqlSchema
{
    public string Slice => "seal";

    public IReadOnlyList<string> Migrations { get; } =
    [
        """
        create table seal_keys (
            agency_id text collate "C" not null,
            epoch integer not null,
            kek_id bytea not null,
            wrapped bytea not null,
            primary key (agency_id, epoch)
        );
        """,
    ];
}

/// <summary>A column that holds <see cref="PgTextSeal"/> values, registered by the slice that owns it (for <see cref="PgSealKeyRetention"/>).</summary>
internal sealed record PgSealedColumn(string Table, string Column);

/// <summary>
/// Destroys the sealing keys nothing needs any more, hourly: keys of days before the stores' retention
/// (<see cref="StorageOptions.RetentionDays"/>, after which handled events, sent answers and idle dialog state are gone),
/// and never a key that a value still stored was sealed with (a parked event, say, is kept until someone looks at it).
/// </summary>
internal sealed partial class PgSealKeyRetention(
    NpgsqlDataSource dataSource,
    PgTextSeal seal,
    IEnumerable<PgSealedColumn> columns,
    AgencyContext agency,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<PgSealKeyRetention> logger,
    IAgencyIds? agencies = null) : BackgroundService
{
    private Task RetainAsync()
    {
        seal.RewrapOld();
        DestroyUnneededKeys();
        return Task.CompletedTask;
    }

    public int DestroyUnneededKeys()
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.RetentionDays - 1);
        foreach (var column in columns)
        {
            // The day of the oldest value still sealed in the column (table and column names are the slices' constants).
            using var command = dataSource.CreateCommand(
                $"""
                select min(split_part(substr({column.Column}, {PgTextSeal.Prefix.Length + 1}), ':', 1)::integer)
                from {column.Table} where agency_id = @agency and {column.Column} like '{PgTextSeal.Prefix}%'
                """).With("agency", agency.Id);
            if (command.ExecuteScalar() is int oldest)
            {
                var day = DateTime.UnixEpoch.AddDays(oldest);
                cutoff = day < cutoff ? day : cutoff;
            }
        }

        var destroyed = seal.DestroyKeysBefore(cutoff);
        if (destroyed > 0)
        {
            LogDestroyed(logger, destroyed);
        }

        return destroyed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                // Each agency's keys under its own KEK (the seal and the scan below work for the agency in context).
                await (agencies?.ForEachAsync(_ => RetainAsync()) ?? RetainAsync()).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or AggregateException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Destroyed {Count} sealing keys: what was sealed under them cannot be opened any more")]
    private static partial void LogDestroyed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destroying old sealing keys failed; it runs again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
