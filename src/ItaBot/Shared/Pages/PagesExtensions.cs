using System.Text.Encodings.Web;

namespace ItaBot.Shared.Pages;

internal static class PagesExtensions
{
    /// <summary>Razor components rendered on the server only (no interactive render mode: no circuit, no script).</summary>
    public static void AddPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        // The renderer encodes with the registered encoder: Thai stays readable in the page source (as Html.Encoder does), not entities.
        builder.Services.AddSingleton<HtmlEncoder>(PageEncoder.Thai);
    }
}
