using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ItaBot.Shared.Pages;

/// <summary>The pages' HTML encoder: quotes too (values are safe inside quoted attributes), Thai stays readable (not entities).</summary>
internal static class PageEncoder
{
    public static readonly HtmlEncoder Thai = HtmlEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai);
}
