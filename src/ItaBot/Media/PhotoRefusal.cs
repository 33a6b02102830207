using System.Globalization;

namespace ItaBot.Media;

/// <summary>Why a photo was not taken. Each has one Thai sentence for the citizen.</summary>
internal enum PhotoRefusal
{
    /// <summary>Zero bytes, text, a PDF, unknown bytes.</summary>
    NotAnImage,

    Video,

    /// <summary>An image, but not JPEG, PNG or WebP (HEIC that SkiaSharp cannot decode here, GIF, BMP, TIFF, AVIF).</summary>
    UnsupportedImage,

    /// <summary>More bytes than ItaBot:Media:MaxBytes.</summary>
    TooLarge,

    /// <summary>More pixels than ItaBot:Media:MaxPixels (a decompression bomb, or a huge scan).</summary>
    TooManyPixels,

    /// <summary>Looks like an image but does not decode (truncated, damaged).</summary>
    Corrupt,

    /// <summary>LINE no longer has it (410: unsent or past retention; 404: unknown).</summary>
    Gone,

    /// <summary>LINE kept answering 202 (still preparing) after our short wait.</summary>
    NotReady,

    /// <summary>LINE did not answer (outage, 5xx, 429 after the client's retries, timeout): worth asking again later.</summary>
    Unavailable,
}

internal static class PhotoRefusals
{
    /// <summary>True when the same message may well succeed later (the caller may retry instead of telling the citizen).</summary>
    public static bool IsTransient(this PhotoRefusal refusal) => refusal is PhotoRefusal.NotReady or PhotoRefusal.Unavailable;

    public static string ThaiMessage(this PhotoRefusal refusal, long maxBytes)
    {
        var megabytes = (maxBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);
        return refusal switch
        {
            PhotoRefusal.NotAnImage => $"ขออภัยค่ะ รับได้เฉพาะไฟล์รูปภาพ (JPEG/PNG) ขนาดไม่เกิน {megabytes} MB ค่ะ",
            PhotoRefusal.Video => "ขออภัยค่ะ ยังรับวิดีโอไม่ได้ กรุณาส่งเป็นรูปภาพ (JPEG/PNG) แทนนะคะ",
            PhotoRefusal.UnsupportedImage => "ขออภัยค่ะ ยังไม่รองรับรูปแบบไฟล์รูปนี้ กรุณาส่งเป็นรูป JPEG หรือ PNG ค่ะ",
            PhotoRefusal.TooLarge => $"ขออภัยค่ะ รูปมีขนาดเกิน {megabytes} MB กรุณาส่งรูปที่เล็กลงค่ะ",
            PhotoRefusal.TooManyPixels => "ขออภัยค่ะ รูปมีความละเอียดสูงเกินไป กรุณาส่งรูปที่เล็กลงค่ะ",
            PhotoRefusal.Corrupt => "ขออภัยค่ะ เปิดรูปนี้ไม่ได้ ไฟล์อาจเสียหาย กรุณาส่งรูปอีกครั้งค่ะ",
            PhotoRefusal.Gone => "ขออภัยค่ะ ดาวน์โหลดรูปนี้ไม่ได้แล้ว กรุณาส่งรูปอีกครั้งค่ะ",
            PhotoRefusal.NotReady => "รูปยังส่งมาไม่เสร็จค่ะ กรุณาส่งรูปอีกครั้งในอีกสักครู่นะคะ",
            PhotoRefusal.Unavailable => "ขออภัยค่ะ ระบบรับรูปขัดข้องชั่วคราว กรุณาส่งรูปอีกครั้งในอีกสักครู่ค่ะ",
            _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
        };
    }
}
