using ItaBot.LineChannel;
using ItaBot.Conversations;
using ItaBot.Health;
using ItaBot.Simulator;
using ItaBot.Storage;
using ItaBot.Webhook;

var builder = WebApplication.CreateBuilder(args);

builder.AddSimulator();       // no LINE credentials: a local LINE stand-in and a chat page at /simulator
builder.AddStorage();         // LiteDB under ItaBot:Storage:DataDirectory, one group-committing writer
builder.AddLinePlatform();    // webhook secret and the LINE API client
builder.AddWebhook();         // POST /webhook -> durable inbox
builder.AddConversations();   // turn processor, bot answers, reply/push outbox

var app = builder.Build();

app.MapWebhook();
app.MapHealth();
app.MapSimulator();

app.Run();

public partial class Program;
