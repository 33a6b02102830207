using System.Text;
using BenchmarkDotNet.Attributes;
using ItaBot.Benchmarks.Load;
using ItaBot.Line.Messages;
using ItaBot.Line.Webhook;

namespace ItaBot.Benchmarks.Micro;

/// <summary>The CPU work of one webhook request before storage, and checking the answer it gets.</summary>
[Config(typeof(ShortConfig))]
public class WebhookBenchmarks
{
    private byte[] _body = [];
    private string _signature = "";
    private byte[] _secret = [];
    private IReadOnlyList<Message> _menu = [];

    [GlobalSetup]
    public void Setup()
    {
        const string secret = "bench-channel-secret";
        var bodies = new WebhookBodies(secret, "127.0.0.1", 1_700_000_000_000);
        (_body, _signature) = bodies.Signed(12_345);
        _secret = Encoding.UTF8.GetBytes(secret);
        // The main menu as the bot sends it: a Thai prompt with four postback quick replies (built here, not taken
        // from the dialogs, so this benchmark does not move when the dialogs change).
        _menu =
        [
            new TextMessage("เลือกเรื่องที่ต้องการได้เลยค่ะ 👇")
            {
                QuickReply = new QuickReply([.. new[] { ("ถามตอบ", "menu=qa"), ("ร้องเรียนทั่วไป", "menu=complaint"), ("แจ้งเบาะแสการทุจริต", "menu=whistleblow"), ("ติดต่อเทศบาล", "menu=contact") }
                    .Select(m => new QuickReplyItem(new PostbackAction(m.Item2) { Label = m.Item1, DisplayText = m.Item1 }))]),
            },
        ];
        if (!WebhookSignature.IsValid(_body, _signature, _secret))
        {
            throw new InvalidOperationException("The benchmark body's signature does not verify.");
        }
    }

    /// <summary>HMAC-SHA256 over a typical one-event body (about 600 bytes) and a constant-time compare.</summary>
    [Benchmark]
    public bool SignatureIsValid() => WebhookSignature.IsValid(_body, _signature, _secret);

    /// <summary>Cutting the body into events with the fields the inbox needs (JsonDocument, raw JSON kept).</summary>
    [Benchmark]
    public int EnvelopeSplit() => WebhookEnvelope.Split(_body).Events.Count;

    /// <summary>The acknowledgement's UTF-8 check alone (issue 15: a body that is not UTF-8 is answered 400, not stored).</summary>
    [Benchmark]
    public bool Utf8Check() => System.Text.Unicode.Utf8.IsValid(_body);

    /// <summary>The envelope split as the acknowledgement runs it now: after the UTF-8 check (compare <see cref="EnvelopeSplit"/>).</summary>
    [Benchmark]
    public int Utf8CheckAndEnvelopeSplit() => System.Text.Unicode.Utf8.IsValid(_body) ? WebhookEnvelope.Split(_body).Events.Count : -1;

    /// <summary>LINE's limits checked on the main menu (text + 4 quick-reply postbacks, Thai labels in graphemes).</summary>
    [Benchmark]
    public int ValidateMenu()
    {
        MessageValidator.Validate(_menu);
        return _menu.Count;
    }

    public int BodyBytes => _body.Length;
}
