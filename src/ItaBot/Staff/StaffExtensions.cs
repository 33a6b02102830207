using ItaBot.Cli;
using ItaBot.Conversations;
using ItaBot.Staff.LiteDb;
using ItaBot.Staff.PostgreSql;
using ItaBot.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ItaBot.Staff;

internal static class StaffExtensions
{
    /// <summary>
    /// Staff accounts and departments, cookie sign-in with TOTP, the policies other slices use, antiforgery for every
    /// form, the LINE link code, and the "staff add" command.
    /// </summary>
    public static void AddStaff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStaffHomePanel, LineQuotaPanel>();   // LINE's monthly quota for admins
        if (StorageOptions.IsPostgreSql(builder.Configuration))
        {
            builder.Services.AddStaffPostgreSql();
        }
        else
        {
            builder.Services.AddStaffLiteDb();
        }

        builder.Services.AddOptions<StaffOptions>()
            .Bind(builder.Configuration.GetSection(StaffOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StaffPasswords>();
        builder.Services.AddSingleton<StaffTotp>();
        builder.Services.AddSingleton<StaffAccounts>();
        builder.Services.AddSingleton<StaffCookieEvents>();
        builder.Services.AddSingleton<StaffStartup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StaffStartup>());
        builder.Services.AddSingleton<ICliCommand, StaffAddCommand>();
        builder.Services.AddSingleton<IDialogFeature, StaffLinkFeature>();

        // Cookies, TOTP secrets and enrolment fields are protected with keys kept beside the data (they survive restarts),
        // themselves encrypted with a key kept outside it (ItaBot:Staff:KeyRingKey or KeyRingKeyFile).
        builder.Services.AddSingleton<IValidateOptions<StaffOptions>, StaffKeyRingValidator>();
        builder.Services.AddSingleton<StaffKeyRingKey>();
        // On PostgreSQL the ring is kept in the database (sealed the same way), so a session works on every node.
        var sharedRing = StorageOptions.IsPostgreSql(builder.Configuration);
        if (sharedRing)
        {
            builder.Services.AddSharedKeyRing();
        }

        builder.Services.AddDataProtection().SetApplicationName("ItaBot");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IOptions<StorageOptions>, ILoggerFactory, StaffKeyRingKey>(
            (o, services, storage, logs, key) =>
            {
                o.XmlRepository = sharedRing
                    ? StaffPostgreSqlExtensions.KeyRingRepository(services)
                    : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "keys")), logs);
                o.XmlEncryptor = new StaffKeyRingEncryptor(key);
            });

        builder.Services.AddAuthentication()
            .AddCookie(StaffAccount.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "itabot.staff";
                o.SlidingExpiration = true;
                o.LoginPath = StaffSignInEndpoints.SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.EventsType = typeof(StaffCookieEvents);
                Harden(o);
            })
            .AddCookie(StaffClaims.PendingScheme, o =>
            {
                o.Cookie.Name = "itabot.staff.signin";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                o.SlidingExpiration = false;
                Harden(o);
            });
        builder.Services.AddOptions<CookieAuthenticationOptions>(StaffAccount.AuthenticationScheme)
            .Configure<IOptions<StaffOptions>>((o, staff) => o.ExpireTimeSpan = staff.Value.SessionTimeout);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme).RequireAuthenticatedUser())
            .AddPolicy(StaffPolicies.Admin, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme).RequireRole(nameof(StaffRole.Admin)))
            .AddPolicy(StaffPolicies.CaseWork, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme)
                .RequireRole(nameof(StaffRole.Admin), nameof(StaffRole.CaseOfficer)))
            .AddPolicy(StaffPolicies.Reports, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme)
                .RequireRole(nameof(StaffRole.Admin), nameof(StaffRole.Reporter)))
            // The role counts only on an account of the default agency: an agency's own admin cannot grant it beyond itself.
            .AddPolicy(StaffPolicies.PlatformAdmin, p => p.AddAuthenticationSchemes(StaffAccount.AuthenticationScheme)
                .RequireRole(nameof(StaffRole.PlatformAdmin)).RequireClaim(StaffClaims.Agency, Storage.AgencyContext.DefaultId));

        // Every endpoint that reads a form checks the token (minimal APIs do it for IFormCollection parameters).
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "itabot.af";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__af";
        });
    }

    private static void Harden(CookieAuthenticationOptions o)
    {
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;   // Secure whenever the request came over HTTPS
        o.Cookie.IsEssential = true;
    }

    public static void MapStaff(this IEndpointRouteBuilder app)
    {
        // Antiforgery validation runs as middleware (after authentication and authorization, which the host adds).
        if (app is IApplicationBuilder pipeline)
        {
            pipeline.UseAntiforgery();
        }

        LineQuotaPanel.Map(app);     // the admins' "read LINE's quota again" button; the quota shows on the staff home page

        StaffPage.Style.Map(app);
        StaffSignInEndpoints.Map(app);
        var staff = app.MapGroup("/staff").RequireAuthorization(StaffPolicies.Staff);
        StaffAccountEndpoints.Map(staff);
        StaffAdminEndpoints.Map(staff);
    }
}
