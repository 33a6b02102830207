using System.Net;
using ItaBot.Cli;

namespace ItaBot.Backup;

internal static class BackupExtensions
{
    public const string Path = "/admin/backup";

    /// <summary>"backup" and "restore" commands, and the loopback endpoint through which the running service makes a backup.</summary>
    public static void AddBackup(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DataBackup>();
        builder.Services.AddSingleton<BackupToken>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackupToken>());
        builder.Services.AddSingleton<ICliCommand, BackupCommand>();
        builder.Services.AddSingleton<ICliCommand, RestoreCommand>();
    }

    /// <summary>POST /admin/backup: loopback and the token only (404 otherwise, as if it were not there); answers the zip.</summary>
    public static void MapBackup(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpContext context, DataBackup backup, BackupToken token) =>
        {
            if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote)
                || !token.Matches(context.Request.Headers[BackupToken.Header].ToString()))
            {
                return Results.NotFound();
            }

            var zip = await backup.CreateAsync(context.RequestAborted).ConfigureAwait(false);
            var stream = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            return Results.Stream(stream, "application/zip", "itabot-backup.zip");
        });
}
