using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;
using ItaBot.Storage;

namespace ItaBot.Notifications;

/// <summary>
/// A job runs for the agency that enqueued it: the agency in context is kept as a job parameter when the job is created
/// and entered while it runs (on any node). Jobs enqueued outside any agency (recurring ones) run as "default" and cover
/// every agency themselves (<see cref="Agencies.AgencyDirectory.EachAgencyAsync"/>).
/// </summary>
internal sealed class AgencyJobFilter : JobFilterAttribute, IClientFilter, IServerFilter
{
    private const string Parameter = "agency";
    private const string ScopeItem = "ItaBot.AgencyScope";

    public void OnCreating(CreatingContext context)
    {
        if (AgencyContext.Captured is { } agency)
        {
            context.SetJobParameter(Parameter, agency);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        // The parameters read with the job (no second read from storage).
        var agency = context.GetJobParameter<string>(Parameter, allowStale: true);
        if (agency is not null)
        {
            context.Items[ScopeItem] = AgencyContext.Enter(agency);
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.Remove(ScopeItem, out var scope) && scope is AgencyContext.Scope entered)
        {
            entered.Dispose();
        }
    }
}
