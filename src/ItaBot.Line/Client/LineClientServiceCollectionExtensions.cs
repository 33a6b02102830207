using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ItaBot.Line.Client;

/// <summary>Registers <see cref="ILineMessagingClient"/> with its HttpClient and resilience pipeline.</summary>
public static class LineClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> (and its resilience pipeline) behind the client.</summary>
    public const string HttpClientName = "ItaBot.Line";

    /// <summary>Registers <see cref="ILineMessagingClient"/>, configured in code.</summary>
    public static IHttpClientBuilder AddLineMessagingClient(this IServiceCollection services, Action<LineClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LineClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="ILineMessagingClient"/> bound to a configuration section, e.g.
    /// <c>builder.Configuration.GetSection(LineClientOptions.DefaultSectionName)</c>; changes to it apply to later calls.
    /// </summary>
    public static IHttpClientBuilder AddLineMessagingClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<LineClientOptions>().Bind(section);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineClientOptions>, LineClientOptionsValidator>());
        services.AddOptions<LineClientOptions>().ValidateOnStart();

        var builder = services
            .AddHttpClient<ILineMessagingClient, LineMessagingClient>(HttpClientName, http =>
            {
                // The resilience pipeline owns time limits (per attempt and in total).
                http.Timeout = Timeout.InfiniteTimeSpan;
                http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ItaBot.Line", "1.0"));
            })
            // The default HttpClient logs print full URLs, and LINE URLs carry user ids.
            .RemoveAllLoggers();

        builder.AddResilienceHandler(HttpClientName, static (pipeline, context) =>
        {
            context.EnableReloads<LineClientOptions>();
            var options = context.GetOptions<LineClientOptions>();
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            LineResilience.Configure(pipeline, options, time);
        });
        return builder;
    }
}

/// <summary>The retry and timeout rules of the LINE client.</summary>
internal static class LineResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LineClientOptions options, TimeProvider time)
    {
        var retry = options.Retry;
        // Timeouts and backoffs run on the service's clock, so a fake clock moves them as it moves everything else.
        pipeline.TimeProvider = time;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "Total", Timeout = options.TotalTimeout });
        if (retry.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "Retry",
                MaxRetryAttempts = retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                // Set before DelayGenerator: this setter replaces the generator.
                ShouldRetryAfterHeader = false,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, retry.MaxRetryAfter)),
                ShouldHandle = async args => ShouldRetry(args.Outcome, args.Context) && !await IsMonthlyLimitAsync(args.Outcome.Result).ConfigureAwait(false),
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "Attempt", Timeout = options.Timeout });
    }

    /// <summary>
    /// 429, 5xx, 408, network failures and attempt timeouts; never another 4xx (a refused reply token stays refused),
    /// never a request marked not idempotent, never after the caller cancelled.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.GetRequestMessage() is { } request && request.Options.TryGetValue(LineMessagingClient.NoRetry, out var noRetry) && noRetry)
        {
            return false;
        }

        return !context.CancellationToken.IsCancellationRequested && HttpClientResiliencePredicates.IsTransient(outcome);
    }

    /// <summary>A 429 for the monthly quota is no overload: quick retries would only be refused again.</summary>
    private static async Task<bool> IsMonthlyLimitAsync(HttpResponseMessage? response) =>
        response is { StatusCode: System.Net.HttpStatusCode.TooManyRequests }
        && LineApiException.IsMonthlyLimitMessage(await response.Content.ReadAsStringAsync().ConfigureAwait(false));   // buffered: the client reads it again

    /// <summary>The wait LINE asks for in <c>Retry-After</c> (seconds or an HTTP date), capped; null means "use backoff".</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
    }
}

internal sealed class LineClientOptionsValidator : IValidateOptions<LineClientOptions>
{
    public ValidateOptionsResult Validate(string? name, LineClientOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ChannelAccessToken))
        {
            failures.Add("ItaBot:Line:ChannelAccessToken is missing (the LINE channel access token).");
        }

        CheckUrl(options.ApiBaseUrl, "ApiBaseUrl", failures);
        CheckUrl(options.DataApiBaseUrl, "DataApiBaseUrl", failures);
        if (options.Timeout <= TimeSpan.Zero || options.TotalTimeout < options.Timeout)
        {
            failures.Add("ItaBot:Line:Timeout must be positive and not above TotalTimeout.");
        }

        if (options.Retry is null || options.Retry.MaxRetryAttempts is < 0 or > 10
            || options.Retry.BaseDelay < TimeSpan.Zero || options.Retry.MaxDelay < options.Retry.BaseDelay || options.Retry.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("ItaBot:Line:Retry is out of range (0-10 attempts, non-negative delays, MaxDelay >= BaseDelay).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrl(Uri? url, string key, List<string> failures)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"ItaBot:Line:{key} must be an absolute http(s) URL.");
        }
    }
}
