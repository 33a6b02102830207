using ItaBot.Vault.Keys;

namespace ItaBot.Vault.Storage;

/// <summary>
/// A protected report as stored. Plain fields are the ones statistics, lists and deadlines need (no content);
/// every byte[] is AES-256-GCM ciphertext under the report's content key, except <see cref="Identity"/> (its own key)
/// and <see cref="NotifierSeal"/> (the vault's notifier key). After expiry only the plain fields stay (a stub for the
/// statistics): keys, ciphertext, receipt hash and lookup tag are removed.
/// </summary>
internal sealed class ReportDocument
{
    public string Id { get; set; } = "";
    public string Number { get; set; } = "";
    public int FiscalYear { get; set; }
    public int Sequence { get; set; }
    public ReportChannel Channel { get; set; }
    public ReportStatus Status { get; set; }
    public ReportOutcome? Outcome { get; set; }
    public string? AssigneeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime AcknowledgeBy { get; set; }
    public DateTime AnswerBy { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime RetainUntil { get; set; }
    public DateTime? LastReporterActivityAt { get; set; }
    public bool Purged { get; set; }

    /// <summary>HMAC-SHA256 of the receipt under the vault's lookup key (hex): finds the one candidate to verify.</summary>
    public string? ReceiptTag { get; set; }

    /// <summary>Argon2id of the receipt, PHC-like string with its parameters and salt.</summary>
    public string? ReceiptHash { get; set; }

    public WrappedKey? ContentKey { get; set; }
    public byte[]? Content { get; set; }
    public WrappedKey? IdentityKey { get; set; }
    public byte[]? Identity { get; set; }
    public byte[]? NotifierSeal { get; set; }
    public byte[]? OutcomeNote { get; set; }
    public List<MessageDocument> Messages { get; set; } = [];
    public List<AttachmentDocument> Attachments { get; set; } = [];
    public List<StatusChangeDocument> History { get; set; } = [];
    public List<IdentityRequestDocument> IdentityRequests { get; set; } = [];
    public int Version { get; set; }

    /// <summary>
    /// HMAC of the caller's submission key while the receipt is still pending (the caller's commit of the answer that
    /// carries it may fail): a repeated submit with the same key gets the same receipt instead of a second report.
    /// </summary>
    public string? PendingTag { get; set; }

    /// <summary>The receipt, sealed with the content key, only until the caller released it (then null).</summary>
    public byte[]? PendingReceipt { get; set; }
}

internal sealed class MessageDocument
{
    public string Id { get; set; } = "";
    public DateTime At { get; set; }
    public MessageDirection Direction { get; set; }
    public string? OfficerId { get; set; }
    public byte[] Text { get; set; } = [];
}

internal sealed class AttachmentDocument
{
    public string Id { get; set; } = "";
    public DateTime At { get; set; }
    public bool FromReporter { get; set; }

    /// <summary>Encrypted JSON: file name and content type.</summary>
    public byte[] Meta { get; set; } = [];
    public long ViewingBytes { get; set; }
    public bool HasOriginal { get; set; }
}

/// <summary>The bytes of one copy of an attachment (viewing or original), encrypted, in collection "blobs".</summary>
internal sealed class BlobDocument
{
    public string Id { get; set; } = "";
    public string ReportId { get; set; } = "";
    public byte[] Data { get; set; } = [];
}

internal sealed class StatusChangeDocument
{
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public ReportStatus From { get; set; }
    public ReportStatus To { get; set; }
    public string NoteId { get; set; } = "";
    public byte[]? Note { get; set; }
}

internal sealed class IdentityRequestDocument
{
    public string Id { get; set; } = "";
    public DateTime At { get; set; }
    public string RequestedBy { get; set; } = "";
    public byte[] Reason { get; set; } = [];
    public IdentityRequestState State { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

/// <summary>A report still being written (in LINE), sealed under its own data key; found by an HMAC of the caller's draft key.</summary>
internal sealed class DraftDocument
{
    public string Id { get; set; } = "";
    public WrappedKey Key { get; set; } = new();
    public byte[] Content { get; set; } = [];
    public List<DraftEvidenceDocument> Evidence { get; set; } = [];
    public DateTime TouchedAt { get; set; }
}

/// <summary>One piece of a draft's evidence; its copies are in collection "draft_blobs".</summary>
internal sealed class DraftEvidenceDocument
{
    public string Id { get; set; } = "";

    /// <summary>Encrypted: content type and file name.</summary>
    public byte[] Meta { get; set; } = [];
    public bool HasOriginal { get; set; }
}

/// <summary>A vault-wide secret (receipt lookup key, notifier key, audit-head key), wrapped by the KEK.</summary>
internal sealed class VaultKeyDocument
{
    public string Id { get; set; } = "";
    public WrappedKey Key { get; set; } = new();
}

/// <summary>Small counters and markers: report sequence per fiscal year, the audit chain's head.</summary>
internal sealed class MetaDocument
{
    public string Id { get; set; } = "";
    public long Value { get; set; }
    public string? Text { get; set; }
}

internal sealed class AuditDocument
{
    /// <summary>The sequence number, 1, 2, 3, … (LiteDB _id).</summary>
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string? ReportId { get; set; }
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
