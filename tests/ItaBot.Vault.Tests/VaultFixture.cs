using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ItaBot.Vault.Tests;

/// <summary>A vault in a fresh temp data directory, its KEK in a separate temp directory, time on a fake clock.</summary>
internal sealed class VaultFixture : IAsyncDisposable
{
    public VaultFixture()
    {
        Root = Directory.CreateTempSubdirectory("itabot-vault-test-").FullName;
        DataDirectory = Path.Combine(Root, "data");
        KeyDirectory = Path.Combine(Root, "keys");
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(KeyDirectory);
        Kek = RandomNumberGenerator.GetBytes(32);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        Vault = Open();
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string KeyDirectory { get; }

    public byte[] Kek { get; set; }

    public FakeTimeProvider Time { get; }

    public ProtectedReports Vault { get; private set; }

    public List<TimeSpan> Delays { get; } = [];

    /// <summary>Small Argon2 parameters: the tests check behaviour, the bench measures cost.</summary>
    public VaultOptions Options(Action<VaultOptions>? change = null)
    {
        var options = new VaultOptions
        {
            DataDirectory = DataDirectory,
            Kek = Convert.ToBase64String(Kek),
            Argon2MemoryKiB = 1024,
            Argon2Passes = 1,
        };
        change?.Invoke(options);
        return options;
    }

    public ProtectedReports Open(Action<VaultOptions>? change = null)
    {
        var vault = new ProtectedReports(Options(change), Time);
        vault.DelayAsync = (delay, _) =>
        {
            lock (Delays)
            {
                Delays.Add(delay);
            }

            return Task.CompletedTask;
        };
        return vault;
    }

    public async Task ReopenAsync(Action<VaultOptions>? change = null)
    {
        await Vault.DisposeAsync();
        Vault = Open(change);
    }

    public async Task CloseAsync() => await Vault.DisposeAsync();

    public static NewReport SampleReport(string whatHappened = "หัวหน้ากองช่างเรียกรับเงินจากผู้รับเหมาโครงการถนนหมู่ 4 จำนวน 50,000 บาท", ReportChannel channel = ReportChannel.Line) => new(
        channel,
        new ReportContent(whatHappened, Officials: "นายสมชาย ใจดี หัวหน้ากองช่าง", Unit: "กองช่าง", When: "มกราคม 2569", Where: "สำนักงานเทศบาล", Evidence: "ภาพถ่ายการส่งซองเงิน"),
        Identity: new ReporterIdentity("นางสาวมะลิ ผู้แจ้ง", Phone: "0812345678"),
        Attachments: [new NewAttachment("ซองเงิน.jpg", "image/jpeg", Encoding.UTF8.GetBytes("VIEWING-COPY-BYTES-0001"), Encoding.UTF8.GetBytes("ORIGINAL-WITH-EXIF-GPS-13.7563,100.5018"))],
        NotifierLineUserId: "U0123456789abcdef0123456789abcdef");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Vault.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        Directory.Delete(Root, recursive: true);
    }
}
