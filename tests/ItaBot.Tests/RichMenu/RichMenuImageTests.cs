using ItaBot.RichMenu;

namespace ItaBot.Tests.RichMenu;

public sealed class RichMenuImageTests
{
    internal static string RepoRichMenuDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ItaBot.sln")))
            {
                return Path.Combine(dir.FullName, "richmenu");
            }
        }

        throw new InvalidOperationException("The repository root (ItaBot.sln) was not found above the test binaries.");
    }

    [Fact]
    public void CommittedImage_MeetsLineLimits_AndMatchesTheDefinition()
    {
        var definition = RichMenuDefinition.Load(RepoRichMenuDirectory());

        Assert.Empty(definition.Problems());
        Assert.Equal((2500, 1686), (definition.ImageWidth, definition.ImageHeight));
        Assert.InRange(definition.Image.Length, 1, RichMenuDefinition.MaxImageBytes);
        Assert.True((double)definition.ImageWidth / definition.ImageHeight >= 1.45);
    }

    [Fact]
    public void Definition_SixAreas_PostTheMainMenuRoutesWithDisplayText()
    {
        var definition = RichMenuDefinition.Load(RepoRichMenuDirectory());

        var actions = definition.Menu.Areas.Select(a => Assert.IsType<ItaBot.Line.Messages.PostbackAction>(a.Action)).ToList();
        Assert.Equal(["menu=qa", "menu=services", "menu=complaint", "menu=whistleblow", "menu=news", "menu=contact"], actions.Select(a => a.Data));
        Assert.Equal(["ถามตอบ", "บริการ/คู่มือประชาชน", "ร้องเรียนทั่วไป", "แจ้งเบาะแสการทุจริต", "ข่าวสาร", "ติดต่อเรา"], actions.Select(a => a.DisplayText));
        Assert.All(actions.Select(a => a.Data), d => Assert.Contains(ItaBot.Conversations.MainDialog.Routes, r => r.Data == d));
    }

    [Fact]
    public void Draw_FromTheDefinition_IsAPngWithinLineLimits()
    {
        var font = RichMenuImage.FindThaiFont();
        Assert.SkipWhen(font is null, "No Thai font (fonts-thai-tlwg); ./test.sh installs it.");
        var directory = RepoRichMenuDirectory();
        var definition = RichMenuDefinition.Load(directory);

        var png = RichMenuImage.Draw(definition.Menu, font!);

        var drawn = definition with { Image = png, ImageWidth = RichMenuDefinition.PngSize(png)!.Value.Width, ImageHeight = RichMenuDefinition.PngSize(png)!.Value.Height };
        Assert.Empty(drawn.Problems());
        if (Environment.GetEnvironmentVariable("ITABOT_DRAW_RICHMENU") == "1")
        {
            File.WriteAllBytes(Path.Combine(directory, RichMenuDefinition.ImageFile), png);
        }
    }

    [Fact]
    public void Problems_TooNarrowOversizedAndLongChatBar_AreAllNamed()
    {
        var definition = RichMenuDefinition.Load(RepoRichMenuDirectory());
        var bad = definition with
        {
            Menu = definition.Menu with { Size = new(2500, 2000), ChatBarText = "เมนูของเทศบาลตำบลโนนทอง" },
            Image = new byte[RichMenuDefinition.MaxImageBytes + 1],
        };

        var problems = bad.Problems();

        Assert.Contains(problems, p => p.Contains("narrower than width/height", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("chatBarText", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("bytes, more than", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the image is 2500×1686 px", StringComparison.Ordinal));
    }
}
