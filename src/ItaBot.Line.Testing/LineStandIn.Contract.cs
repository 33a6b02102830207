using ItaBot.Line.Client;
using ItaBot.Line.Messages;

namespace ItaBot.Line.Testing;

public sealed partial class LineStandIn
{
    /// <summary>The environment variable that sets <see cref="TallyFile"/> for every stand-in a process starts.</summary>
    public const string TallyFileVariable = "LINE_STANDIN_TALLY";

    /// <summary>
    /// A file to which the stand-in appends, when disposed, one line "checked-requests checked-messages
    /// refused-requests refused-messages", so a test run can add up what all its stand-ins saw. Null: none.
    /// </summary>
    public string? TallyFile { get; set; } = Environment.GetEnvironmentVariable(TallyFileVariable) is { Length: > 0 } file ? file : null;

    /// <summary>
    /// Whether send calls are checked against LINE's OpenAPI schema and documented message limits (default true), and
    /// refused with 400 and LINE's error body as LINE would. Turn off only to measure raw throughput.
    /// </summary>
    public bool CheckMessages { get; set; } = true;

    /// <summary>
    /// Under no lock: what LINE would refuse in a send request, as LINE's error details. The whole body is checked
    /// against the operation's request schema (message types, required fields, enums, Flex structure, counts), then the
    /// messages against the limits LINE documents beyond the schema (text lengths, labels, quick reply items, bytes).
    /// </summary>
    private List<LineErrorDetail> Refusals(string requestSchema, JsonObject body, JsonArray messages)
    {
        if (!CheckMessages)
        {
            return [];
        }

        var problems = new List<LineErrorDetail>(LineOpenApiSchemas.Problems(requestSchema, JsonSerializer.SerializeToElement(body, Json)));
        if (problems.Count == 0)
        {
            List<Message>? typed;
            try
            {
                typed = messages.Deserialize<List<Message>>(LineJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                typed = null;   // a message type the SDK does not model: the schema alone speaks for it
            }

            try
            {
                MessageValidator.Validate(typed ?? []);
            }
            catch (LineMessageLimitException ex) when (typed is not null)
            {
                var prefix = ex.Property + ": ";
                problems.Add(new LineErrorDetail(ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message, ex.Property));
            }
        }

        lock (_gate)
        {
            _counts.CheckedRequests++;
            _counts.CheckedMessages += messages.Count;
            if (problems.Count > 0)
            {
                _counts.RefusedRequests++;
                _counts.RefusedMessages += messages.Count;
            }
        }

        return problems;
    }

    private static Task WriteRefusalAsync(HttpContext context, List<LineErrorDetail> problems) =>
        WriteAsync(context, 400, new
        {
            message = string.Create(CultureInfo.InvariantCulture, $"The request body has {problems.Count} error(s)"),
            details = problems.Select(p => new { message = p.Message, property = p.Property }),
        });

    /// <summary>At dispose: one line in <see cref="TallyFile"/>.</summary>
    private void WriteTally()
    {
        if (TallyFile is not { } file)
        {
            return;
        }

        var counts = Checks;
        // One short append per stand-in; O_APPEND keeps concurrent test processes' lines whole.
        File.AppendAllText(file, string.Create(CultureInfo.InvariantCulture, $"{counts.CheckedRequests} {counts.CheckedMessages} {counts.RefusedRequests} {counts.RefusedMessages}\n"));
    }
}
