using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ItaBot.Line.Testing;

namespace ItaBot.Simulator;

/// <summary>Marks simulator mode: no LINE credentials were set, so a local LINE stand-in plays LINE.</summary>
internal sealed record SimulatorMode(LineStandIn Line);

internal static class SimulatorExtensions
{
    private const string SecretKey = "ItaBot:Line:ChannelSecret";
    private const string TokenKey = "ItaBot:Line:ChannelAccessToken";

    /// <summary>
    /// With neither a channel secret nor an access token set, starts the LINE stand-in and points the LINE settings
    /// at it. With only one of them set, does nothing: the LINE options validation stops the boot with a clear line.
    /// Must run before the LINE client and webhook read their settings.
    /// </summary>
    public static void AddSimulator(this IHostApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration[SecretKey]) || !string.IsNullOrWhiteSpace(builder.Configuration[TokenKey]))
        {
            return;
        }

        // Synchronous on purpose: the settings below must exist before the rest of Program.cs reads them.
        var line = StartStandInOffThread();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [SecretKey] = RandomNumberGenerator.GetHexString(32, lowercase: true),
            [TokenKey] = "simulator",
            ["ItaBot:Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            ["ItaBot:Line:DataApiBaseUrl"] = line.BaseAddress.ToString(),
        });

        if (string.IsNullOrWhiteSpace(builder.Configuration["ItaBot:Vault:Kek"]) && string.IsNullOrWhiteSpace(builder.Configuration["ItaBot:Vault:KekFile"]))
        {
            // So that a newcomer can try the protected channel at once: a key for simulation only, kept outside the
            // data directory (the vault refuses a key inside it). A real deployment sets ItaBot:Vault:Kek or KekFile.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ItaBot:Vault:KekFile"] = SimulatorKey("simulator-vault.key"),
            });
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["ItaBot:Staff:KeyRingKey"]) && string.IsNullOrWhiteSpace(builder.Configuration["ItaBot:Staff:KeyRingKeyFile"]))
        {
            // The staff sign-in key ring is encrypted as everywhere; here with a simulation-only key beside the vault's.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["ItaBot:Staff:KeyRingKeyFile"] = SimulatorKey("simulator-keyring.key"),
            });
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(line);
        builder.Services.AddSingleton(new SimulatorMode(line));
        builder.Services.AddSingleton(new LineChannel.SimulatedLine());
        builder.Services.AddSingleton<SimulatorChats>();
        builder.Services.AddSingleton<SimulatedWebhooks>();
        builder.Services.AddHostedService<SimulatorLifetime>();
    }

    /// <summary>A simulation-only key, ~/.itabot/NAME (32 random bytes in base64, created once, readable by this user only).</summary>
    private static string SimulatorKey(string name)
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".itabot");
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return path;
    }

    /// <summary>
    /// The stand-in is a host of its own. Hosting announces every host built through a process-wide diagnostic
    /// listener, and WebApplicationFactory takes the first host announced while Program runs as the service's own.
    /// Building the stand-in on a separate thread, without the caller's execution context, keeps it out of that.
    /// </summary>
    private static LineStandIn StartStandInOffThread()
    {
        LineStandIn? line = null;
        Exception? failure = null;
        using (ExecutionContext.SuppressFlow())
        {
            var thread = new Thread(() =>
            {
                try
                {
                    line = LineStandIn.StartAsync().GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
            })
            { IsBackground = true, Name = "LINE stand-in start" };
            thread.Start();
            thread.Join();
        }

        return failure is null ? line! : throw new InvalidOperationException("The LINE stand-in for simulator mode did not start.", failure);
    }

    public static void MapSimulator(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<SimulatorMode>() is null)
        {
            return;
        }

        SimulatorEndpoints.Map(app);
    }
}
