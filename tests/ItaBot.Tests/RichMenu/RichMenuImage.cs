using ItaBot.Line.Messages;
using SkiaSharp;
using SkiaSharp.HarfBuzz;
using LineRichMenu = ItaBot.Line.Client.RichMenu;

namespace ItaBot.Tests.RichMenu;

/// <summary>
/// Draws the rich-menu image from the definition: one tile per area, a simple icon and the area's Thai label shaped
/// by HarfBuzz (Thai vowels and tone marks stack correctly only when shaped). The PNG is committed to
/// <c>richmenu/</c> so the service needs no font; redraw with <c>ITABOT_DRAW_RICHMENU=1</c> (see RichMenuImageTests).
/// </summary>
internal static class RichMenuImage
{
    public static readonly string[] ThaiFonts =
    [
        "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf",
        "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
        "/usr/share/fonts/truetype/tlwg/Waree-Bold.ttf",
    ];

    private static readonly SKColor Navy = SKColor.Parse("#1B4F8C");
    private static readonly SKColor NavyDark = SKColor.Parse("#143C6B");
    private static readonly SKColor Gold = SKColor.Parse("#F5D57A");
    private static readonly SKColor Paper = SKColor.Parse("#FFFFFF");

    public static string? FindThaiFont() => ThaiFonts.FirstOrDefault(File.Exists);

    public static byte[] Draw(LineRichMenu menu, string fontPath)
    {
        using var bitmap = new SKBitmap(menu.Size.Width, menu.Size.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(NavyDark);
        using var typeface = SKTypeface.FromFile(fontPath) ?? throw new InvalidOperationException($"{fontPath} is not a font");
        using var shaper = new SKShaper(typeface);
        foreach (var area in menu.Areas)
        {
            var b = area.Bounds;
            var tile = new SKRect(b.X + 8, b.Y + 8, b.X + b.Width - 8, b.Y + b.Height - 8);
            using (var fill = new SKPaint { Color = Navy, IsAntialias = true })
            {
                canvas.DrawRoundRect(tile, 36, 36, fill);
            }

            var data = (area.Action as PostbackAction)?.Data ?? "";
            var whistle = data == "menu=whistleblow";
            var centre = new SKPoint(tile.MidX, tile.Top + (tile.Height * 0.36f));
            using (var circle = new SKPaint { Color = whistle ? Gold : Paper, IsAntialias = true })
            {
                canvas.DrawCircle(centre, 170, circle);
            }

            DrawIcon(canvas, data, centre, whistle ? NavyDark : Navy);

            var lines = (area.Action?.Label ?? "").Split('/', 2);
            using var text = new SKPaint { Color = Paper, IsAntialias = true };
            using var big = Fitting(typeface, lines[0], lines.Length > 1 ? 96 : 112, tile.Width - 90);
            var y = tile.Top + (tile.Height * 0.80f);
            if (lines.Length > 1)
            {
                canvas.DrawShapedText(shaper, lines[0], tile.MidX, y - 20, SKTextAlign.Center, big, text);
                using var small = Fitting(typeface, lines[1], 80, tile.Width - 90);
                using var gold = new SKPaint { Color = Gold, IsAntialias = true };
                canvas.DrawShapedText(shaper, lines[1], tile.MidX, y + 90, SKTextAlign.Center, small, gold);
            }
            else
            {
                canvas.DrawShapedText(shaper, lines[0], tile.MidX, y + 20, SKTextAlign.Center, big, text);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The largest size up to <paramref name="size"/> at which the label fits the tile.</summary>
    private static SKFont Fitting(SKTypeface typeface, string text, float size, float width)
    {
        var font = new SKFont(typeface, size);
        while (font.MeasureText(text) > width && font.Size > 40)
        {
            font.Size -= 4;
        }

        return font;
    }

    private static void DrawIcon(SKCanvas canvas, string data, SKPoint c, SKColor colour)
    {
        using var stroke = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 18, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round };
        using var fill = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Fill };
        switch (data)
        {
            case "menu=qa":
                // Two speech bubbles.
                canvas.DrawRoundRect(new SKRect(c.X - 95, c.Y - 80, c.X + 55, c.Y + 20), 30, 30, stroke);
                canvas.DrawRoundRect(new SKRect(c.X - 35, c.Y - 10, c.X + 100, c.Y + 80), 30, 30, fill);
                using (var tail = new SKPathBuilder())
                {
                    tail.MoveTo(c.X + 50, c.Y + 75);
                    tail.LineTo(c.X + 90, c.Y + 115);
                    tail.LineTo(c.X + 85, c.Y + 70);
                    tail.Close();
                    using var shape = tail.Detach();
                    canvas.DrawPath(shape, fill);
                }

                break;
            case "menu=services":
                // A manual: a page with lines and a folded corner.
                using (var page = new SKPathBuilder())
                {
                    page.MoveTo(c.X - 75, c.Y - 100);
                    page.LineTo(c.X + 35, c.Y - 100);
                    page.LineTo(c.X + 75, c.Y - 60);
                    page.LineTo(c.X + 75, c.Y + 100);
                    page.LineTo(c.X - 75, c.Y + 100);
                    page.Close();
                    using var shape = page.Detach();
                    canvas.DrawPath(shape, stroke);
                }

                for (var i = 0; i < 3; i++)
                {
                    canvas.DrawLine(c.X - 40, c.Y - 30 + (i * 45), c.X + 40, c.Y - 30 + (i * 45), stroke);
                }

                break;
            case "menu=complaint":
                // A megaphone.
                using (var horn = new SKPathBuilder())
                {
                    horn.MoveTo(c.X - 90, c.Y - 35);
                    horn.LineTo(c.X + 60, c.Y - 100);
                    horn.LineTo(c.X + 60, c.Y + 80);
                    horn.LineTo(c.X - 90, c.Y + 20);
                    horn.Close();
                    using var shape = horn.Detach();
                    canvas.DrawPath(shape, fill);
                }

                canvas.DrawLine(c.X - 55, c.Y + 25, c.X - 30, c.Y + 95, stroke);
                canvas.DrawLine(c.X + 95, c.Y - 40, c.X + 110, c.Y - 50, stroke);
                canvas.DrawLine(c.X + 95, c.Y + 20, c.X + 110, c.Y + 30, stroke);
                break;
            case "menu=whistleblow":
                // A shield with a keyhole: the protected channel.
                using (var shield = new SKPathBuilder())
                {
                    shield.MoveTo(c.X, c.Y - 110);
                    shield.LineTo(c.X + 90, c.Y - 75);
                    shield.CubicTo(c.X + 90, c.Y + 20, c.X + 50, c.Y + 80, c.X, c.Y + 110);
                    shield.CubicTo(c.X - 50, c.Y + 80, c.X - 90, c.Y + 20, c.X - 90, c.Y - 75);
                    shield.Close();
                    using var shape = shield.Detach();
                    canvas.DrawPath(shape, fill);
                }

                using (var hole = new SKPaint { Color = Gold, IsAntialias = true })
                {
                    canvas.DrawCircle(c.X, c.Y - 15, 24, hole);
                    canvas.DrawRect(new SKRect(c.X - 11, c.Y - 10, c.X + 11, c.Y + 45), hole);
                }

                break;
            case "menu=news":
                // A newspaper.
                canvas.DrawRoundRect(new SKRect(c.X - 100, c.Y - 80, c.X + 100, c.Y + 85), 16, 16, stroke);
                canvas.DrawRect(new SKRect(c.X - 65, c.Y - 45, c.X - 5, c.Y + 5), fill);
                canvas.DrawLine(c.X + 25, c.Y - 40, c.X + 65, c.Y - 40, stroke);
                canvas.DrawLine(c.X + 25, c.Y, c.X + 65, c.Y, stroke);
                canvas.DrawLine(c.X - 65, c.Y + 45, c.X + 65, c.Y + 45, stroke);
                break;
            default:
                // A map pin: where to find us.
                canvas.DrawCircle(c.X, c.Y - 35, 70, fill);
                using (var pin = new SKPathBuilder())
                {
                    pin.MoveTo(c.X - 62, c.Y);
                    pin.LineTo(c.X, c.Y + 110);
                    pin.LineTo(c.X + 62, c.Y);
                    pin.Close();
                    using var shape = pin.Detach();
                    canvas.DrawPath(shape, fill);
                }

                using (var dot = new SKPaint { Color = Paper, IsAntialias = true })
                {
                    canvas.DrawCircle(c.X, c.Y - 35, 28, dot);
                }

                break;
        }
    }
}
