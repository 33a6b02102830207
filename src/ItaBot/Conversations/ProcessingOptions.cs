using System.ComponentModel.DataAnnotations;

namespace ItaBot.Conversations;

internal sealed class ProcessingOptions
{
    public const string Section = "ItaBot:Processing";

    /// <summary>
    /// Conversations handled in parallel. One conversation's events always run one at a time, in order. Few lanes on
    /// purpose: on two cores more parallel turns only take CPU from acknowledging webhooks (bench/README.md).
    /// </summary>
    [Range(1, 1024)]
    public int Lanes { get; set; } = 4;

    /// <summary>
    /// Turns computed at the same time (dialogs, matching: the CPU-heavy part). Half the cores by default, so that a
    /// burst of webhooks is still acknowledged at full speed while the backlog is worked off; sends are not limited.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentTurns { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// In a flood of webhooks (more than <see cref="FloodRequestsPerSecond"/>), a lane waits before each event or send
    /// until the flood ebbs, at most this long. Zero (the default) never steps aside: answers go on while webhooks are
    /// acknowledged, because every moment an answer waits its reply token ages (past the window it is a paid push), while
    /// acknowledging keeps its cores anyway (turns run on at most <see cref="MaxConcurrentTurns"/>, and acknowledgements go
    /// first in every store commit). Set it to favour the acknowledgement rate in floods that outrun answering.
    /// </summary>
    public TimeSpan YieldToWebhooks { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Webhook requests a second from which they count as a flood, when <see cref="YieldToWebhooks"/> is set. Normal
    /// traffic of an agency is a few events a second.
    /// </summary>
    [Range(1, 1_000_000)]
    public double FloodRequestsPerSecond { get; set; } = 1_000;

    /// <summary>Attempts at handling one event before it is parked with its error.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A reply token older than this is not tried; the answer is pushed. LINE keeps tokens about a minute.</summary>
    [Range(1, 3600)]
    public int ReplyWindowSeconds { get; set; } = 50;

    /// <summary>First wait before retrying a send that LINE refused for now (429, 5xx, no answer); doubles each time.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Several nodes on PostgreSQL: how long a node's claim on a conversation lasts unless renewed (it renews a third of the
    /// way through while it works). A node that dies leaves its conversations to the others after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Several nodes on PostgreSQL: how often a node looks for conversations with unhandled events or unsent answers that
    /// no live node claims (acknowledged by a node that died or is busy).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Exponential backoff for the given attempt (1-based), capped at <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var delay = RetryInitialDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
