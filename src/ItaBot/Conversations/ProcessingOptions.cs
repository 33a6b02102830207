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
    /// Before each event or send, a lane waits while webhook requests are in flight, at most this long, so that a
    /// burst is acknowledged at full speed and answered right after (LINE allows an acknowledgement two seconds; an
    /// answer has the reply token's minute, then it is pushed). Zero turns this off. Under a flood that never pauses,
    /// each lane still takes one item per this interval. Off by default until the restart test failure seen with it on
    /// (bench/README.md, "Acknowledgements first") is understood; 200 ms is the value that was tried.
    /// </summary>
    public TimeSpan YieldToWebhooks { get; set; } = TimeSpan.Zero;

    /// <summary>Attempts at handling one event before it is parked with its error.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A reply token older than this is not tried; the answer is pushed. LINE keeps tokens about a minute.</summary>
    [Range(1, 3600)]
    public int ReplyWindowSeconds { get; set; } = 50;

    /// <summary>First wait before retrying a send that LINE refused for now (429, 5xx, no answer); doubles each time.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Exponential backoff for the given attempt (1-based), capped at <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan DelayFor(int attempt)
    {
        var delay = RetryInitialDelay * Math.Pow(2, Math.Clamp(attempt - 1, 0, 16));
        return delay < RetryMaxDelay ? delay : RetryMaxDelay;
    }
}
