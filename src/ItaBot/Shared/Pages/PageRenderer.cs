using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Shared.Pages;

/// <summary>
/// Renders a page component to a string outside a response: for a document saved as a file (the standalone report),
/// and for pages whose bytes are needed before they are sent (length, ETag, HEAD). Components rendered here take their
/// model as a cascading parameter (<see cref="PageHost{TPage, TModel}"/>) and inject nothing.
/// </summary>
internal static class PageRenderer
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSingleton<System.Text.Encodings.Web.HtmlEncoder>(PageEncoder.Thai)
        .BuildServiceProvider();

    public static string Render<TPage, TModel>(TModel model)
        where TPage : IComponent
    {
        using var renderer = new HtmlRenderer(Services, NullLoggerFactory.Instance);
        // Synchronous components only: the dispatcher runs the render inline and the task is complete when it returns.
        return renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<PageHost<TPage, TModel>>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { [nameof(PageHost<TPage, TModel>.Model)] = model })).ConfigureAwait(false);
            return page.ToHtmlString();
        }).GetAwaiter().GetResult();
    }
}
