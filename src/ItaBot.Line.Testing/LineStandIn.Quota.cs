namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    private void MapQuota(IEndpointRouteBuilder app)
    {
        app.MapGet("/v2/bot/message/quota", Authorized(GetQuota));
        app.MapPost("/__limit", SetLimit);
        app.MapGet("/v2/bot/message/quota/consumption", Authorized(GetConsumption));
    }

    /// <summary>The channel's monthly message quota (null: unlimited, LINE's "none"). Raising it is an admin buying more.</summary>
    public long? MonthlyLimit
    {
        get { lock (_gate) { return _monthlyLimit; } }
        set { lock (_gate) { _monthlyLimit = value; } }
    }

    /// <summary>Messages counted against the quota this month (pushes, and multicasts per recipient).</summary>
    public long QuotaUsed
    {
        get { lock (_gate) { return _used; } }
    }

    /// <summary>Under the lock: would <paramref name="recipients"/> more messages pass the monthly limit? Counts the refusal.</summary>
    private bool OverQuota(int recipients)
    {
        if (_monthlyLimit is { } limit && _used + recipients > limit)
        {
            _counts.RefusedOverQuota++;
            return true;
        }

        return false;
    }

    private static Task WriteMonthlyLimitAsync(HttpContext context) =>
        WriteAsync(context, 429, new { message = "You have reached your monthly limit." });

    private Task GetQuota(HttpContext context)
    {
        var limit = MonthlyLimit;
        return limit is { } value ? WriteAsync(context, 200, new { type = "limited", value }) : WriteAsync(context, 200, new { type = "none" });
    }

    /// <summary>POST /__limit?n=N, as the peer stand-in: a new monthly limit (an admin bought more).</summary>
    private Task SetLimit(HttpContext context)
    {
        if (!long.TryParse(context.Request.Query["n"], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return WriteAsync(context, 400, new { message = "n must be a number" });
        }

        MonthlyLimit = n;
        return WriteAsync(context, 200, new { limit = n });
    }

    private Task GetConsumption(HttpContext context)
    {
        return WriteAsync(context, 200, new { totalUsage = QuotaUsed });
    }
}
