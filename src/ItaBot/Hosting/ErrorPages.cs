using System.Text;

namespace ItaBot.Hosting;

/// <summary>
/// The outermost step of the pipeline. A request the client spoiled (a body too slow, too large or cut off: Kestrel's
/// <see cref="BadHttpRequestException"/>) costs one log line, not a stack trace per connection. Any other error gives a
/// browser a short Thai page that says nothing about the error; other callers (LINE's webhook, /healthz, JSON) keep a
/// bare status code. Nothing of the request (address, path, body) is logged.
/// </summary>
internal static partial class ErrorPages
{
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

    private static Task WritePageAsync(HttpContext context, int statusCode)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        // The same strict headers as the protected channel's pages: this page may stand in for one of them.
        Whistleblowing.ReportPage.SetHeaders(response);
        var home = context.Request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase) ? "/staff" : "/report";
        return response.WriteAsync($"""
            <!doctype html>
            <html lang="th">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>ขออภัย ระบบขัดข้อง</title>
            <link rel="stylesheet" href="{Whistleblowing.ReportPage.StylePath}">
            </head>
            <body>
            <main>
            <h1>ขออภัยค่ะ ระบบขัดข้องชั่วคราว</h1>
            <p class="msg error" role="alert">คำขอนี้ยังทำไม่สำเร็จ กรุณาลองใหม่อีกครั้งในอีกสักครู่ค่ะ หากยังไม่ได้ โปรดติดต่อเทศบาลค่ะ</p>
            <p><a href="{home}">กลับหน้าหลัก</a></p>
            </main>
            </body>
            </html>
            """, Encoding.UTF8);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request refused while reading it: {StatusCode} {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed; the caller got a plain error")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
