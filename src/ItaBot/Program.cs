using ItaBot.Agencies;
using ItaBot.CasePages;
using ItaBot.Backup;
using ItaBot.Cases;
using ItaBot.Cli;
using ItaBot.Complaints;
using ItaBot.Content;
using ItaBot.Conversations;
using ItaBot.Flex;
using ItaBot.Health;
using ItaBot.Hosting;
using ItaBot.Information;
using ItaBot.LineChannel;
using ItaBot.Media;
using ItaBot.Migration;
using ItaBot.Network;
using ItaBot.Notifications;
using ItaBot.Privacy;
using ItaBot.QandA;
using ItaBot.Reports;
using ItaBot.RichMenu;
using ItaBot.Seed;
using ItaBot.Shared.Pages;
using ItaBot.Simulator;
using ItaBot.Staff;
using ItaBot.Storage;
using ItaBot.Transparency;
using ItaBot.Understanding;
using ItaBot.Vault;
using ItaBot.Webhook;
using ItaBot.Whistleblowing;
using Microsoft.Extensions.Options;

// appsettings.json still reloads when edited, found by polling it every 4 s: the host's default inotify watch covers the
// content root recursively, so a data directory under it (./data) woke that watcher on every LiteDB page write.
if (Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}

TempFiles.KeepPrivate();     // request spools in a folder of this process only; what a killed one left is deleted
var builder = WebApplication.CreateBuilder(args);

builder.AddSimulator();       // no LINE credentials: a local LINE stand-in and a chat page at /simulator
builder.AddNetwork();         // forwarded headers from ItaBot:Network:KnownProxies only; HSTS over HTTPS
builder.AddStorage();         // LiteDB under ItaBot:Storage:DataDirectory, one group-committing writer
builder.AddAgencies();        // ItaBot:Agencies:<id>: several agencies on one PostgreSQL deployment; "default" is ItaBot:Line:*
builder.AddContentPack();     // the agency's YAML content pack (content/), validated at start, reloadable
builder.AddLinePlatform();    // webhook secret and the LINE API client
builder.AddWebhook();         // POST /webhook -> durable inbox
builder.AddConversations();   // turn processor, bot answers, reply/push outbox
builder.AddQandA();           // citizen Q&A: Thai question matching, answers, handover to staff
builder.AddFlexTemplates();   // flex-templates/: LINE Flex cards drawn from the content pack, checked at start
builder.AddInformation();     // contact, executives, news and the service manual
builder.AddRichMenu();        // richmenu/: "richmenu deploy"; in simulator mode deployed to the stand-in at start
builder.AddCases();          // general complaint cases: store, case numbers, Bangkok working-day deadlines, "seed"
builder.AddMedia();          // photos citizens send: bounded download, metadata stripped, stored under photos/
builder.AddComplaints();     // general complaints in LINE: intake with photo and place, "เรื่องของฉัน", follow-up, rating
builder.AddPages();           // pages are Razor components rendered on the server (no circuit, no script)
builder.AddStaff();           // staff accounts, departments, sign-in with TOTP, /staff pages, "staff add", LINE link code
builder.AddNotifications();   // staff and citizen notifications: LiteDB outbox delivered by Hangfire; deadline scan, daily digest
builder.AddVault();           // whistleblower vault (vault.db): "vault verify", "vault rotate-key"
builder.AddWhistleblowing();  // protected channel in LINE: "whistleblow" intake, "ติดตามเบาะแส" follow-up with the receipt
builder.AddUnderstanding();   // every typed message understood before Q&A: complaint, corruption report, question, out of scope…
builder.AddCasePages();       // /staff/cases (list, case, walk-in intake) and /staff/handovers for admins and case officers
builder.AddReports();         // ITA statistics: snapshots compiled nightly, DOCX documents, /staff/reports, walk-in register, "report"
builder.AddTransparency();    // public report documents: statistics CSV, JSON (open data) and the standalone HTML page
builder.AddPrivacy();         // PDPA: /privacy notice, requests from citizens, retention purge, access audit, "privacy ropa"
builder.AddSeed();            // "seed": demo cases and a year of activity for trying the pages and reports
builder.AddBackup();          // "backup --out FILE" (asks the running service) and "restore --from FILE"
builder.AddMigration();       // "migrate --from-litedb DIR --agency ID": one agency's LiteDB data into PostgreSQL

var app = builder.Build();
if (!app.Services.StorageReady(Console.Error))
{
    return 1;     // one line naming what is wrong, e.g. a PostgreSQL schema newer than this build
}

if (await CommandLine.TryRunAsync(app.Services, args, Console.Out) is int exitCode)
{
    return exitCode;     // e.g. "richmenu deploy": a maintenance command instead of the server
}

app.UseErrorPages();         // outermost: a Thai page for browsers on any error, one log line for a spoiled request body
app.UseNetwork();            // the real client address and scheme for everything after it
app.MapWebhook();            // POST /webhook: a branch of its own, ahead of routing, authentication and antiforgery
app.UseAgencyPages();        // /a/<id>/report, /transparency, /privacy: another agency's public pages, served as that agency
app.UseRouting();            // the rest in the order the host adds them by itself when not called
app.UseAuthentication();
app.UseStaffAgency();        // staff pages run for the signed-in member's agency (its cases, accounts, records only)
app.UseAuthorization();
app.MapHealth();
app.MapSimulator();
app.MapStaff();
app.MapCasePages();
app.MapReports();            // /staff/reports (admins and reporters), /staff/services (the walk-in register)
app.MapWhistleblowing();     // /report (web form, follow-up, manual): public, no cookies, no-store
app.MapTransparency();      // /transparency: published statistics with SVG charts, CSV, JSON; public, no cookies
app.MapPrivacy();            // /privacy (public notice), /staff/privacy (requests, purges, access audit)
app.MapNotifications();     // Hangfire dashboard at /hangfire, admins only
app.MapBackup();            // POST /admin/backup: loopback plus the token in data/backup.token, for "backup"

try
{
    app.Run();
    return 0;
}
catch (OptionsValidationException ex)
{
    // One clear line naming the setting, instead of a stack trace.
    Console.Error.WriteLine($"ItaBot cannot start: {string.Join(" ", ex.Failures)}");
    return 1;
}

public partial class Program;
