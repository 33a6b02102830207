using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Reports;

/// <summary>
/// The "ตรวจสอบซ้ำ" check: a stored snapshot against a recompile of its period as of its <see cref="ReportSnapshot.AsOf"/>
/// (not stored). Figures are compared by value (records holding lists compare lists by reference, so by their JSON),
/// the trace by its counts and digest.
/// </summary>
internal sealed record SnapshotCheck(bool CorruptionSame, bool ComplaintsSame, bool ServicesSame, bool TraceSame)
{
    public bool Identical => CorruptionSame && ComplaintsSame && ServicesSame && TraceSame;

    public static SnapshotCheck Compare(ReportSnapshot stored, ReportSnapshot again) => new(
        Same(stored.Corruption, again.Corruption, FiguresJson.Default.CorruptionFigures),
        Same(stored.Complaints, again.Complaints, FiguresJson.Default.ComplaintFigures),
        Same(stored.Services, again.Services, FiguresJson.Default.ServiceFigures),
        stored.Trace == again.Trace);

    /// <summary>What differs, in Thai, for the page ("" when nothing does).</summary>
    public string Differences => string.Join(", ", new[]
    {
        CorruptionSame ? null : "สถิติเรื่องร้องเรียนการทุจริต",
        ComplaintsSame ? null : "สถิติเรื่องร้องเรียนทั่วไป",
        ServicesSame ? null : "สถิติการให้บริการ",
        TraceSame ? null : "จำนวนระเบียนหรือค่าตรวจสอบ (digest)",
    }.OfType<string>());

    private static bool Same<T>(T a, T b, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info) =>
        JsonSerializer.Serialize(a, info) == JsonSerializer.Serialize(b, info);
}

[JsonSerializable(typeof(CorruptionFigures))]
[JsonSerializable(typeof(ComplaintFigures))]
[JsonSerializable(typeof(ServiceFigures))]
internal sealed partial class FiguresJson : JsonSerializerContext;
