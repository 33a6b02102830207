using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using ItaBot.Hosting.Pages;
using ItaBot.Shared.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Hosting;

/// <summary>
/// The outermost step of the pipeline. A request the client spoiled (a body too slow, too large or cut off: Kestrel's
/// <see cref="BadHttpRequestException"/>) costs one log line, not a stack trace per connection. Any other error gives a
/// browser a short Thai page that says nothing about the error; other callers (LINE's webhook, /healthz, JSON) keep a
/// bare status code. Nothing of the request (address, path, body) is logged.
/// </summary>
internal static partial class ErrorPages
{
    /// <param name="Home">Where "กลับหน้าหลัก" leads: the staff home or /report.</param>
    /// <param name="StyleSheet">The audience's stylesheet.</param>
    internal sealed record ErrorModel(string Home, string StyleSheet);

    /// <summary>The page for each audience, rendered once from constants by a renderer of its own: no service of the app, no database, no antiforgery.</summary>
    private static readonly ConcurrentDictionary<string, string> Rendered = new(StringComparer.Ordinal);

    public static void UseErrorPages(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorPages).FullName!);
        app.Use(next => async context =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
                if (context.Response is { StatusCode: >= 500, HasStarted: false } && WantsPage(context))
                {
                    await WritePageAsync(context, context.Response.StatusCode).ConfigureAwait(false);
                }
            }
            catch (BadHttpRequestException ex)
            {
                LogBadRequest(logger, ex.StatusCode, ex.Message);
                if (!context.Response.HasStarted)
                {
                    context.Response.Clear();
                    context.Response.StatusCode = ex.StatusCode;
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nobody is left to answer.
            }
            catch (Exception ex)
            {
                LogUnhandled(logger, ex);
                if (context.Response.HasStarted)
                {
                    throw;   // half an answer is out: let the server cut the connection
                }

                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                if (WantsPage(context))
                {
                    await WritePageAsync(context, StatusCodes.Status500InternalServerError).ConfigureAwait(false);
                }
            }
        });
    }

    /// <summary>A browser navigating (it asks for HTML), and never LINE's webhook.</summary>
    private static bool WantsPage(HttpContext context) =>
        !context.Request.Path.StartsWithSegments(Webhook.WebhookExtensions.Path, StringComparison.OrdinalIgnoreCase)
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static async Task WritePageAsync(HttpContext context, int statusCode)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        // The same strict headers as the protected channel's pages: this page may stand in for one of them.
        Whistleblowing.ReportPage.SetHeaders(response);
        var page = await PageAsync(staff: context.Request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase)).ConfigureAwait(false);
        await response.WriteAsync(page, Encoding.UTF8).ConfigureAwait(false);
    }

    /// <summary>The error page in the staff pages' colours, or in the public ones' (any other path).</summary>
    internal static async ValueTask<string> PageAsync(bool staff)
    {
        var model = staff ? new ErrorModel("/staff", Staff.StaffPage.Style.Url) : new ErrorModel("/report", Whistleblowing.ReportPage.StylePath);
        return Rendered.TryGetValue(model.Home, out var html) ? html : await RenderAsync(model).ConfigureAwait(false);
    }

    private static async Task<string> RenderAsync(ErrorModel model)
    {
        await using var services = new ServiceCollection().AddSingleton<HtmlEncoder>(PageEncoder.Thai).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PageHost<ErrorPage, ErrorModel>.Model)] = model });
            // On the renderer's dispatcher until the HTML is read out.
            return (await renderer.RenderComponentAsync<PageHost<ErrorPage, ErrorModel>>(parameters).ConfigureAwait(true)).ToHtmlString();
        }).ConfigureAwait(false);
        return Rendered.GetOrAdd(model.Home, html);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused while reading it: {StatusCode} {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed; the caller got a plain error")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
