using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ItaBot.Network;

/// <summary>The reverse proxies ItaBot sits behind (the README prescribes one that terminates HTTPS).</summary>
internal sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "ItaBot:Network";

    /// <summary>
    /// Addresses ("10.0.0.5") or networks ("10.0.0.0/8") of proxies whose X-Forwarded-For and X-Forwarded-Proto are
    /// believed. Empty: no forwarded header is believed, the socket's address and scheme count.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _) && !System.Net.IPNetwork.TryParse(p, out _))
            .Select(p => new ValidationResult(
                $"{Section}:KnownProxies has \"{p}\", which is neither an IP address nor a network such as 10.0.0.0/8.",
                [nameof(KnownProxies)]));
}

internal static class NetworkExtensions
{
    /// <summary>Forwarded headers from known proxies only, and HSTS on requests that arrived over HTTPS.</summary>
    public static void AddNetwork(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NetworkOptions>()
            .Bind(builder.Configuration.GetSection(NetworkOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((o, network) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;   // walk back through every known proxy; the first unknown address is the client
            o.KnownProxies.Clear();  // the defaults trust loopback: nothing is trusted unless configured
            o.KnownIPNetworks.Clear();
            foreach (var entry in network.Value.KnownProxies)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    o.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var range))
                {
                    o.KnownIPNetworks.Add(range);
                }
            }
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>First in the pipeline, so every later step (rate limits, cookies' Secure flag, HSTS) sees the real client and scheme.</summary>
    public static void UseNetwork(this IApplicationBuilder app)
    {
        // With both lists empty the framework's middleware believes every sender (it checks senders only when some are
        // named): with no proxy configured it stays out of the pipeline instead.
        if (app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseHsts();   // only answers requests that are HTTPS (after the forwarded scheme); never localhost
    }
}
