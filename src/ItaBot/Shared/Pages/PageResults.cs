using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItaBot.Shared.Pages;

/// <summary>
/// A page component rendered statically on the server (no circuit, no script) as an endpoint's result, with the headers
/// its audience's pages send. Razor makes components public and their parameters must be public, while the service's
/// types are internal: so a page takes its model as a private cascading parameter, supplied by <see cref="PageHost{TPage, TModel}"/>.
/// </summary>
internal static class PageResults
{
    public static IResult Page<TPage, TModel>(TModel model, int statusCode, Action<HttpResponse> headers)
        where TPage : IComponent =>
        new HeadersFirst(new RazorComponentResult<PageHost<TPage, TModel>>(new Dictionary<string, object?> { [nameof(PageHost<TPage, TModel>.Model)] = model })
        {
            StatusCode = statusCode,
        }, headers);

    public static IResult Page<TPage>(int statusCode, Action<HttpResponse> headers)
        where TPage : IComponent =>
        new HeadersFirst(new RazorComponentResult<TPage> { StatusCode = statusCode }, headers);

    private sealed class HeadersFirst(IResult page, Action<HttpResponse> headers) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            headers(response);
            // A form on the page makes an antiforgery token, and antiforgery then rewrites Cache-Control to "no-cache,
            // no-store": the audience's headers are what its pages promise, so they are set once more as the response starts.
            response.OnStarting(() =>
            {
                headers(response);
                return Task.CompletedTask;
            });
            return page.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>Renders <typeparamref name="TPage"/> with <typeparamref name="TModel"/> cascading to it (its <c>[CascadingParameter] private TModel Model</c>).</summary>
internal sealed class PageHost<TPage, TModel> : IComponent
    where TPage : IComponent
{
    private RenderHandle _handle;

    [Parameter]
    public TModel Model { get; set; } = default!;

    public void Attach(RenderHandle renderHandle) => _handle = renderHandle;

    public Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        _handle.Render(builder =>
        {
            builder.OpenComponent<CascadingValue<TModel>>(0);
            builder.AddComponentParameter(1, nameof(CascadingValue<TModel>.Value), Model);
            builder.AddComponentParameter(2, nameof(CascadingValue<TModel>.IsFixed), true);
            builder.AddComponentParameter(3, nameof(CascadingValue<TModel>.ChildContent), (RenderFragment)(page =>
            {
                page.OpenComponent<TPage>(4);
                page.CloseComponent();
            }));
            builder.CloseComponent();
        });
        return Task.CompletedTask;
    }
}
