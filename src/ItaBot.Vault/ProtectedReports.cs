using System.Security.Cryptography;
using System.Text.Json.Serialization;
using ItaBot.Vault.Audit;
using ItaBot.Vault.Keys;
using ItaBot.Vault.Receipts;
using ItaBot.Vault.Storage;
using ItaBot.Vault.Storage.LiteDb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Vault;

/// <summary>
/// The whistleblower vault's one door. Every caller (the LINE dialog, the /report form, the integrity officers'
/// pages, the notifier, the statistics job, the CLI) goes through these methods, and every call is written to the
/// hash-chained audit log before it returns. Roles are the caller's business; the vault only insists that identity is
/// released by a second, different officer. Actor ids are the callers' staff ids, or "reporter", "notifier", "system".
/// Thread-safe; one instance per vault.db (a singleton).
/// </summary>
public sealed partial class ProtectedReports : IAsyncDisposable
{
    /// <summary>The actor name of the receipt holder.</summary>
    public const string ReporterActor = "reporter";

    /// <summary>The actor name of the notifier (the only caller of <see cref="OpenNotifierAddressAsync"/>).</summary>
    public const string NotifierActor = "notifier";

    /// <summary>The actor name of scheduled jobs (retention).</summary>
    public const string SystemActor = "system";

    private const string ContentSlot = "content";
    private const string IdentitySlot = "identity";
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    private readonly VaultOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Keyring _keyring;
    private readonly IVaultStorage _store;
    private readonly AuditLog _audit;
    private readonly ReceiptCodes _receipts;
    private readonly ReceiptThrottle _throttle;
    private readonly byte[] _notifierKey;
    private readonly SemaphoreSlim _rotation = new(1, 1);
    private readonly SemaphoreSlim _argon2Gate = new(Math.Max(1, Environment.ProcessorCount));
    private int _disposed;

    /// <summary>
    /// Opens (or creates) vault.db in <see cref="VaultOptions.DataDirectory"/>. Throws a clear
    /// <see cref="InvalidOperationException"/> when the key-encryption key is missing, malformed, kept inside the data
    /// directory, or is not the key the vault's keys are wrapped with.
    /// </summary>
    public ProtectedReports(VaultOptions options, TimeProvider timeProvider, ILogger<ProtectedReports>? logger = null)
        : this(options, timeProvider, logger, () => new LiteDbVaultStorage(options.DataDirectory))
    {
    }

    /// <summary>The vault on a storage of the caller's choice, opened once the options and keys are checked.</summary>
    internal ProtectedReports(VaultOptions options, TimeProvider timeProvider, ILogger<ProtectedReports>? logger, Func<IVaultStorage> openStorage)
    {
        _options = options;
        _time = timeProvider;
        _logger = logger ?? NullLogger<ProtectedReports>.Instance;
        options.Validate();
        _keyring = new Keyring(KekSource.Current(options), KekSource.Previous(options));
        _store = openStorage();
        try
        {
            var keys = _store.WriteAsync(LoadOrCreateVaultKeys).GetAwaiter().GetResult();
            _notifierKey = keys["notifier"];
            _audit = new AuditLog(keys["audit"]);
            _receipts = new ReceiptCodes(keys["lookup"], options.Argon2MemoryKiB, options.Argon2Passes);
            _throttle = new ReceiptThrottle(options, timeProvider, _store.ReceiptFailures, keys["lookup"]);
        }
        catch
        {
            _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        DelayAsync = (delay, cancellationToken) => Task.Delay(delay, _time, cancellationToken);
    }

    /// <summary>The id of the key-encryption key that wraps new data keys (safe to show; reveals nothing of the key).</summary>
    public string CurrentKeyId => _keyring.CurrentKeyId;

    /// <summary>The Argon2id parameters used for receipt hashes, for the record.</summary>
    public string ReceiptHashParameters => _receipts.Parameters;

    /// <summary>The vault's file (for backups and leak scans).</summary>
    public string FilePath => _store.FilePath;

    /// <summary>How a failed receipt is held back; tests replace it to see the delays without waiting.</summary>
    internal Func<TimeSpan, CancellationToken, Task> DelayAsync { get; set; }

    internal IVaultStorage Store => _store;

    /// <summary>Whether <paramref name="exception"/> is the vault's storage failing (a broken or closing file) rather than a bug or a rule.</summary>
    public bool IsStorageFailure(Exception exception) => _store.IsFailure(exception);

    private DateTimeOffset Now => _time.GetUtcNow();

    private Dictionary<string, byte[]> LoadOrCreateVaultKeys(IVaultTransaction storage)
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in (string[])["lookup", "notifier", "audit"])
        {
            var stored = storage.FindKey(name);
            if (stored is null)
            {
                var key = FieldCipher.NewKey();
                storage.InsertKey(new VaultKeyDocument { Id = name, Key = _keyring.Wrap(key, "vault", name) });
                keys[name] = key;
                continue;
            }

            try
            {
                keys[name] = _keyring.Unwrap(stored.Key, "vault", name);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidOperationException(
                    $"The configured {VaultOptions.Section}:Kek (key id {_keyring.CurrentKeyId}) does not open {_store.FilePath}: {ex.Message}", ex);
            }
        }

        return keys;
    }

    // ---------------------------------------------------------------- helpers

    private static DateTime Stored(DateTimeOffset at) => AuditLog.Truncate(at);

    private static DateTimeOffset Shown(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Shown(DateTime? at) => at is { } value ? Shown(value) : null;

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private Task<AuditDocument> AuditAsync(string actor, string action, string? reportId = null, string? detail = null)
    {
        var at = Now;
        return _store.WriteAsync(storage => _audit.Append(storage, at, actor, action, reportId, detail));
    }

    private ReportDocument Load(string reportId)
    {
        var document = _store.Read(storage => storage.FindReport(reportId));
        return document is null || document.Purged ? throw new ReportNotFoundException(reportId) : document;
    }

    private static ReportDocument LoadForWrite(IVaultTransaction storage, string reportId)
    {
        var document = storage.FindReport(reportId);
        return document is null || document.Purged ? throw new ReportNotFoundException(reportId) : document;
    }

    private byte[] ContentKeyOf(ReportDocument document)
    {
        var wrapped = document.ContentKey ?? throw new ReportNotFoundException(document.Id);
        if (!_keyring.KnownKeyIds.Contains(wrapped.KeyId))
        {
            // Read just before a rotation finished and forgot the old key: the stored wrap is under the new one by now.
            wrapped = Load(document.Id).ContentKey ?? throw new ReportNotFoundException(document.Id);
        }

        return _keyring.Unwrap(wrapped, document.Id, ContentSlot);
    }

    private static byte[] SealJson<T>(byte[] key, string reportId, string field, T value) =>
        FieldCipher.SealField(key, reportId, field, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, typeof(T), VaultJson.Default));

    private static T OpenJson<T>(byte[] key, string reportId, string field, byte[] sealedData) =>
        (T)System.Text.Json.JsonSerializer.Deserialize(FieldCipher.OpenField(key, reportId, field, sealedData), typeof(T), VaultJson.Default)!;

    private static string MessageField(string messageId) => "message:" + messageId;

    private static string AttachmentField(string attachmentId, string part) => $"attachment:{attachmentId}:{part}";

    private static string BlobId(string attachmentId, bool original) => attachmentId + (original ? ".original" : ".view");

    private ReportDeadlines DeadlinesFor(DateTimeOffset createdAt)
    {
        if (_options.Deadlines is { } deadlines)
        {
            return deadlines(createdAt);
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(createdAt, Bangkok).DateTime);
        return new ReportDeadlines(EndOfBangkokDay(day.AddDays(3)), EndOfBangkokDay(day.AddDays(15)));
    }

    private static DateTimeOffset EndOfBangkokDay(DateOnly day) =>
        new(day.ToDateTime(new TimeOnly(23, 59, 59)), Bangkok.BaseUtcOffset);

    private static ReportSummary Summarize(ReportDocument d) => new(
        d.Id,
        d.Number,
        d.Channel,
        d.Status,
        d.Outcome,
        d.AssigneeId,
        Shown(d.CreatedAt),
        Shown(d.AcknowledgeBy),
        Shown(d.AnswerBy),
        Shown(d.AcknowledgedAt),
        Shown(d.ClosedAt),
        Shown(d.RetainUntil),
        d.Identity is not null,
        d.NotifierSeal is not null,
        d.Messages.Count,
        d.Attachments.Count,
        Shown(d.LastReporterActivityAt));

    private void ValidateAttachment(NewAttachment attachment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachment.FileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(attachment.ContentType);
        // A document (PDF, office file) has no viewing copy: officers download the original through an audited call.
        if ((attachment.ViewingCopy.Length == 0 && attachment.Original is not { Length: > 0 })
            || attachment.ViewingCopy.Length > _options.MaxAttachmentBytes
            || attachment.Original?.Length > _options.MaxAttachmentBytes)
        {
            throw new VaultRuleException($"An attachment must hold 1 to {_options.MaxAttachmentBytes} bytes per copy (a viewing copy, an original, or both).");
        }
    }

    /// <summary>Encrypts one attachment: its description for the report document, its copies for the blobs collection.</summary>
    private static (AttachmentDocument Info, List<BlobDocument> Blobs) SealAttachment(byte[] key, string reportId, NewAttachment attachment, bool fromReporter, DateTimeOffset at)
    {
        var id = NewId();
        var info = new AttachmentDocument
        {
            Id = id,
            At = Stored(at),
            FromReporter = fromReporter,
            Meta = SealJson(key, reportId, AttachmentField(id, "meta"), new AttachmentMeta(attachment.FileName, attachment.ContentType)),
            ViewingBytes = attachment.ViewingCopy.Length,
            HasOriginal = attachment.Original is not null,
        };
        var blobs = new List<BlobDocument>();
        if (attachment.ViewingCopy.Length > 0)
        {
            blobs.Add(new() { Id = BlobId(id, false), ReportId = reportId, Data = FieldCipher.SealField(key, reportId, AttachmentField(id, "view"), attachment.ViewingCopy.Span) });
        }

        if (attachment.Original is { } original)
        {
            blobs.Add(new() { Id = BlobId(id, true), ReportId = reportId, Data = FieldCipher.SealField(key, reportId, AttachmentField(id, "original"), original.Span) });
        }

        return (info, blobs);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _store.DisposeAsync().ConfigureAwait(false);
        _rotation.Dispose();
        _argon2Gate.Dispose();
        CryptographicOperations.ZeroMemory(_notifierKey);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault key rotation finished: {Count} reports re-wrapped from key {OldKeyId} to {NewKeyId}")]
    private static partial void LogRotationFinished(ILogger logger, int count, string oldKeyId, string newKeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Vault retention: {Count} expired reports deleted and the file rebuilt")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Vault receipt checks refused after too many wrong receipts (retry after {RetryAfter})")]
    private static partial void LogReceiptLimited(ILogger logger, TimeSpan retryAfter);
}

internal sealed record AttachmentMeta(string FileName, string ContentType);

[JsonSerializable(typeof(ReportContent))]
[JsonSerializable(typeof(ReporterIdentity))]
[JsonSerializable(typeof(AttachmentMeta))]
internal sealed partial class VaultJson : JsonSerializerContext;
