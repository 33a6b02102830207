using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using ItaBot.Line;
using ItaBot.Line.Messages;
using LineRichMenu = ItaBot.Line.Client.RichMenu;

namespace ItaBot.RichMenu;

/// <summary>
/// The agency's rich menu: <c>richmenu/richmenu.json</c> (LINE's rich menu object as is) and <c>richmenu/richmenu.png</c>
/// (drawn from the definition by the test-side generator and committed, so running the bot needs no font or drawing library).
/// </summary>
internal sealed record RichMenuDefinition(LineRichMenu Menu, byte[] Image, string ImageContentType, int ImageWidth, int ImageHeight)
{
    public const string DefinitionFile = "richmenu.json";
    public const string ImageFile = "richmenu.png";

    public const int MinWidth = 800;
    public const int MaxWidth = 2500;
    public const int MinHeight = 250;
    public const double MinAspectRatio = 1.45;
    public const int MaxImageBytes = 1024 * 1024;
    public const int MaxAreas = 20;
    public const int MaxChatBarTextGraphemes = 14;
    public const int MaxNameLength = 300;
    public const int MaxLabelGraphemes = 20;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads the definition and image from <paramref name="directory"/>; throws <see cref="InvalidDataException"/> naming the file.</summary>
    public static RichMenuDefinition Load(string directory)
    {
        var definitionPath = Path.Combine(directory, DefinitionFile);
        var imagePath = Path.Combine(directory, ImageFile);
        LineRichMenu menu;
        try
        {
            menu = JsonSerializer.Deserialize<LineRichMenu>(File.ReadAllText(definitionPath), LineJson.Options)
                ?? throw new InvalidDataException($"{definitionPath}: the file holds null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{definitionPath}: {ex.Path}: {ex.Message}", ex);
        }

        var image = File.ReadAllBytes(imagePath);
        var (width, height) = PngSize(image) ?? throw new InvalidDataException($"{imagePath}: not a PNG image");
        return new RichMenuDefinition(menu, image, "image/png", width, height);
    }

    /// <summary>Every way this menu breaks LINE's rules; empty when LINE will take it.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, FormattableString problem)
        {
            if (!ok)
            {
                problems.Add(FormattableString.Invariant(problem));
            }
        }

        var size = Menu.Size;
        Check(size.Width is >= MinWidth and <= MaxWidth, $"size.width {size.Width} is not within {MinWidth}–{MaxWidth} px");
        Check(size.Height >= MinHeight, $"size.height {size.Height} is below {MinHeight} px");
        Check(size.Height > 0 && (double)size.Width / size.Height >= MinAspectRatio, $"size {size.Width}×{size.Height} is narrower than width/height {MinAspectRatio}");
        Check(ImageWidth == size.Width && ImageHeight == size.Height, $"the image is {ImageWidth}×{ImageHeight} px but the menu says {size.Width}×{size.Height}");
        Check(Image.Length <= MaxImageBytes, $"the image is {Image.Length} bytes, more than {MaxImageBytes}");
        Check(!string.IsNullOrEmpty(Menu.Name) && Menu.Name.Length <= MaxNameLength, $"name must be 1–{MaxNameLength} characters");
        Check(!string.IsNullOrEmpty(Menu.ChatBarText) && Graphemes(Menu.ChatBarText) <= MaxChatBarTextGraphemes,
            $"chatBarText \"{Menu.ChatBarText}\" must be 1–{MaxChatBarTextGraphemes} characters");
        var areas = Menu.Areas ?? [];
        Check(areas.Count is >= 1 and <= MaxAreas, $"{areas.Count} areas; LINE takes 1–{MaxAreas}");
        for (var i = 0; i < areas.Count; i++)
        {
            var b = areas[i].Bounds;
            Check(b.X >= 0 && b.Y >= 0 && b.Width > 0 && b.Height > 0 && b.X + b.Width <= size.Width && b.Y + b.Height <= size.Height,
                $"areas[{i}].bounds ({b.X},{b.Y} {b.Width}×{b.Height}) is not inside the {size.Width}×{size.Height} menu");
            var action = areas[i].Action;
            Check(action is not null, $"areas[{i}].action is missing");
            Check(action?.Label is null || Graphemes(action.Label) <= MaxLabelGraphemes, $"areas[{i}].action.label is longer than {MaxLabelGraphemes} characters");
            if (action is PostbackAction postback)
            {
                Check(postback.Data.Length is >= 1 and <= MessageLimits.PostbackData, $"areas[{i}].action.data must be 1–{MessageLimits.PostbackData} characters");
                Check(postback.DisplayText is null || Graphemes(postback.DisplayText) <= MessageLimits.PostbackDisplayTextGraphemes,
                    $"areas[{i}].action.displayText is longer than {MessageLimits.PostbackDisplayTextGraphemes} characters");
            }

            Check(action is not (CameraAction or CameraRollAction or LocationAction), $"areas[{i}].action: camera, cameraRoll and location work only in quick replies");
        }

        return problems;
    }

    /// <summary>Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG.</summary>
    public static (int Width, int Height)? PngSize(ReadOnlySpan<byte> png)
    {
        if (png.Length < 24 || !png[..8].SequenceEqual(PngSignature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.Slice(20, 4)));
    }

    private static int Graphemes(string text) => new StringInfo(text).LengthInTextElements;
}
