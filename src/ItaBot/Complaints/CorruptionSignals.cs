using System.Globalization;
using System.Text;

namespace ItaBot.Complaints;

/// <summary>
/// Tells whether a general complaint reads like a report of corruption or misconduct by officials, so that the bot
/// can offer the protected channel before anything is stored. It errs on the side of offering: a citizen who meant a
/// general complaint taps once more; a whistleblower whose report lands in the general channel may be exposed.
/// </summary>
internal static class CorruptionSignals
{
    /// <summary>Words that are enough on their own (bribes, kickbacks, embezzlement, bid rigging).</summary>
    private static readonly string[] Strong = Normalised(
    [
        "ทุจริต", "คอรัปชั่น", "คอรัปชัน", "คอร์รัปชัน", "คอร์รัปชั่น", "corruption", "สินบน", "ใต้โต๊ะ", "เงินทอน", "ค่าน้ำร้อนน้ำชา",
        "เรียกรับเงิน", "เรียกรับผลประโยชน์", "เรียกเงิน", "รีดไถ", "ยักยอก", "เบียดบัง", "ฮั้ว", "ล็อคสเปค", "ล็อกสเปก", "ล็อคสเป็ค",
        "ประพฤติมิชอบ", "เอื้อประโยชน์", "ผลประโยชน์ทับซ้อน", "โกงเงิน", "โกงงบ", "กินหัวคิว", "หักหัวคิว", "เงินหัวคิว", "ติดสินบน",
        "จ่ายใต้โต๊ะ", "ขอส่วนแบ่ง", "ใช้อำนาจโดยมิชอบ", "ละเว้นการปฏิบัติหน้าที่", "เลือกปฏิบัติ",
    ]);

    /// <summary>Words that count only together with another signal: an official and money, procurement and cheating…</summary>
    private static readonly string[] Weak = Normalised(
    [
        "เจ้าหน้าที่", "จนท", "นายก", "รองนายก", "ปลัด", "ผอ", "หัวหน้า", "ข้าราชการ", "พนักงานเทศบาล", "สมาชิกสภา", "ส.ท", "สท.",
        "จัดซื้อ", "จัดจ้าง", "ประมูล", "ผู้รับเหมา", "งบประมาณ", "งบ", "เงิน", "บาท", "โกง", "ไม่โปร่งใส", "เส้นสาย", "พวกพ้อง", "ญาติ",
        "ไม่ตรงสเปค", "ไม่ตรงแบบ", "เบิก", "เรียก", "จ่าย", "ซอง",
    ]);

    public static bool LooksLikeCorruption(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalised = Normalise(text);
        if (Strong.Any(w => normalised.Contains(w, StringComparison.Ordinal)))
        {
            return true;
        }

        return Weak.Count(w => normalised.Contains(w, StringComparison.Ordinal)) >= 3
            || (normalised.Contains("โกง", StringComparison.Ordinal) && Weak.Count(w => normalised.Contains(w, StringComparison.Ordinal)) >= 2);
    }

    private static string[] Normalised(string[] words) => [.. words.Select(Normalise).Distinct(StringComparer.Ordinal)];

    /// <summary>Lower case, no zero-width or joiner characters, no spaces, a repeated character kept once.</summary>
    private static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (builder.Length > 0 && builder[^1] == lower && !char.IsDigit(lower))
            {
                continue;
            }

            builder.Append(lower);
        }

        return builder.ToString();
    }
}
