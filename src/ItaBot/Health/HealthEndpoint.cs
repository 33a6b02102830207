using ItaBot.Conversations;
using ItaBot.LineChannel;
using ItaBot.Storage;
using ItaBot.Webhook;

namespace ItaBot.Health;

internal static class HealthEndpoint
{
    /// <summary>GET /healthz: 200 when the store answers, with the processor's backlog; 503 otherwise. No content, no ids.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (IInboxStore inbox, IOutboxStore outbox, TurnProcessor processor, IStoreWriter writer, LineQuota quota) =>
        {
            try
            {
                return Results.Ok(new
                {
                    status = "ok",
                    store = new { status = "ok", batches = writer.Batches, writes = writer.Writes },
                    inbox = new { pending = inbox.Count(InboxState.Pending), parked = inbox.Count(InboxState.Parked) },
                    outbox = new { pending = outbox.Count(OutboxState.Pending), parked = outbox.Count(OutboxState.Parked) },
                    processor = new { backlog = processor.Backlog },
                    memory = Memory(),
                    line = new { quota = Quota(quota.Status) },
                });
            }
            // Any store failure (a broken file, a lost database connection) is a 503 with the failure's kind, never its text.
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Json(new { status = "unavailable", store = new { status = "failing", error = ex.GetType().Name } }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });

    /// <summary>LINE's monthly quota as last read (limit null: none or not read yet) and whether pushes are held.</summary>
    private static object Quota(LineQuotaStatus status) =>
        new { limit = status.Limit, used = status.Used, pushesRefused = status.PushesRefused, held = status.Held, readAt = status.ReadAt };

    /// <summary>The managed heap after the last collection and what the collector holds from the system, in MiB.</summary>
    private static object Memory()
    {
        var gc = GC.GetGCMemoryInfo();
        return new { heapMiB = gc.HeapSizeBytes >> 20, committedMiB = gc.TotalCommittedBytes >> 20, gcServer = System.Runtime.GCSettings.IsServerGC };
    }
}
