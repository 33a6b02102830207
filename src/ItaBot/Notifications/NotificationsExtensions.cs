using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using ItaBot.Cases;
using ItaBot.Notifications.LiteDb;
using ItaBot.Notifications.PostgreSql;
using ItaBot.QandA;
using ItaBot.Storage;

namespace ItaBot.Notifications;

internal static class NotificationsExtensions
{
    /// <summary>
    /// Notifications and the Hangfire server. Hangfire's storage is Hangfire.InMemory, not Hangfire.Storage.SQLite: the
    /// LiteDB outbox is the truth, so Hangfire's queue holds only wake-up calls that the start-up sweep rebuilds from
    /// it; in memory they cost no second database file with its own locking, and workers are woken at once instead of
    /// polling a table (delivery p50 well under a second). What is lost at a restart is job history in the dashboard.
    /// </summary>
    public static void AddNotifications(this IHostApplicationBuilder builder)
    {
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddNotificationsPostgreSql();
        }
        else
        {
            builder.Services.AddNotificationsLiteDb();
        }

        builder.Services.AddOptions<NotificationOptions>()
            .Bind(builder.Configuration.GetSection(NotificationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StaffDirectory>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<ICaseObserver, CaseNotifications>();
        builder.Services.AddSingleton<IHandoverObserver, HandoverNotifications>();
        builder.Services.AddSingleton<ProtectedReportNotifications>();
        builder.Services.AddSingleton<ProtectedReporterNotices>();
        builder.Services.AddTransient<NotificationDelivery>();
        builder.Services.AddTransient<NotificationSweep>();
        builder.Services.AddTransient<DeadlineScan>();
        builder.Services.AddTransient<DailyDigest>();

        // Registered before AddHangfire, which then keeps them: a storage and a job activator per host rather than the
        // process-wide JobStorage.Current and JobActivator.Current (tests run several hosts in one process; with the
        // globals, one host's server would run jobs with another host's services).
        // On PostgreSQL, Hangfire keeps its jobs in the same database, so several nodes share them (recurring jobs once per
        // schedule); on LiteDB one node has them in memory.
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddHangfirePostgreSql(builder.Configuration);
        }
        else
        {
            builder.Services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions()));
        }

        builder.Services.AddSingleton<JobActivator>(services => new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, configuration) => configuration
            .UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseAgencyJobs());
        var settings = builder.Configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        builder.Services.AddHangfireServer(server =>
        {
            server.WorkerCount = settings.Workers;
            server.SchedulePollingInterval = settings.SchedulePollingInterval;
            server.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddHostedService<NotificationsStartup>();
    }

    /// <summary>Jobs run for the agency that enqueued them (one filter for the process: Hangfire's filters are global).</summary>
    private static IGlobalConfiguration UseAgencyJobs(this IGlobalConfiguration configuration)
    {
        lock (GlobalJobFilters.Filters)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is AgencyJobFilter))
            {
                GlobalJobFilters.Filters.Add(new AgencyJobFilter());
            }
        }

        return configuration;
    }

    /// <summary>The Hangfire dashboard at /hangfire, for staff with the Admin role.</summary>
    public static void MapNotifications(this IEndpointRouteBuilder app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new StaffAdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "ItaBot jobs",
        });
}

/// <summary>Registers the recurring jobs and runs the first sweep (and a missed digest) as the service starts.</summary>
internal sealed class NotificationsStartup(IRecurringJobManager recurring, IBackgroundJobClient jobs, LineChannel.LineQuota quota, IConfiguration configuration)
    : IHostedService
{
    /// <summary>On by default: a service started between 08:30 and noon Bangkok sends the morning's digest it missed.</summary>
    public const string CatchUpSetting = "ItaBot:Notifications:DigestMissedMorningAtStart";

    public const string SweepJob = "notifications-sweep";
    public const string DeadlineScanJob = "deadline-scan";
    public const string DigestJob = "daily-digest";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<NotificationSweep>(SweepJob, s => s.RunAsync(), Cron.Minutely());
        recurring.AddOrUpdate<DeadlineScan>(DeadlineScanJob, s => s.RunAsync(), "*/5 * * * *");
        recurring.AddOrUpdate<DailyDigest>(DigestJob, d => d.RunAsync(), DailyDigest.Cron,
            new RecurringJobOptions { TimeZone = NotificationTexts.Bangkok });
        jobs.Enqueue<NotificationSweep>(s => s.RunAsync());
        quota.PushesAllowed += () => jobs.Enqueue<NotificationSweep>(s => s.RunAsync());   // held at the monthly limit: deliver now
        if (configuration.GetValue(CatchUpSetting, defaultValue: true))
        {
            jobs.Enqueue<DailyDigest>(d => d.CatchUpAsync());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
