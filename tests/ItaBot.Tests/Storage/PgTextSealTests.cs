using System.Security.Cryptography;
using ItaBot.Storage;
using ItaBot.Storage.PostgreSql;
using ItaBot.Tests.Storage.Contracts;
using ItaBot.Vault;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ItaBot.Tests.Storage;

/// <summary>The seal of citizens' words in PostgreSQL (issue 18 item 4): keys from the vault's KEK, rotation, destruction.</summary>
public sealed class PgTextSealTests : IDisposable
{
    private const string Text = "ปลัดสมชายเรียกรับเงินใต้โต๊ะ สามหมื่นบาท";
    private readonly string _connectionString = TestDatabases.Create();
    private readonly NpgsqlDataSource _dataSource;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    private readonly string _kek = NewKey();

    public PgTextSealTests()
    {
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        Execute(new SealPostgreSqlSchema().Migrations[0]);
        Execute("create table notes (agency_id text not null, v text)");
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        TestDatabases.Drop(_connectionString);
    }

    [Fact]
    public void Seal_Text_StoredValueHoldsNoTextAndOpensOnlyForItsField()
    {
        var seal = Seal(_kek);

        var stored = seal.Seal(Text, "notes.v")!;

        Assert.StartsWith(PgTextSeal.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("สมชาย", stored, StringComparison.Ordinal);
        Assert.Equal(Text, seal.Unseal(stored, "notes.v"));
        Assert.Equal(Text, Seal(_kek).Unseal(stored, "notes.v"));      // another node, the same database and KEK
        Assert.ThrowsAny<CryptographicException>(() => seal.Unseal(stored, "inbox.json"));
        Assert.Equal("{\"plain\":1}", seal.Unseal("{\"plain\":1}", "notes.v"));   // written before sealing existed
    }

    [Fact]
    public void Unseal_WithAnotherKekAndNoPrevious_FailsNamingTheSetting()
    {
        var stored = Seal(_kek).Seal(Text, "notes.v");

        var error = Assert.Throws<InvalidOperationException>(() => Seal(NewKey()).Unseal(stored, "notes.v"));

        Assert.Contains("ItaBot:Vault:Kek", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unseal_AfterKekRotation_OpensWithThePreviousKek_ThenWithTheNewAlone()
    {
        var stored = Seal(_kek).Seal(Text, "notes.v");
        var newKek = NewKey();

        Assert.Equal(Text, Seal(newKek, previous: _kek).Unseal(stored, "notes.v"));

        Assert.Equal(Text, Seal(newKek).Unseal(stored, "notes.v"));    // the day's key was wrapped again under the new KEK
        Assert.Throws<InvalidOperationException>(() => Seal(_kek).Unseal(stored, "notes.v"));
    }

    [Fact]
    public void RewrapOld_AfterKekRotation_EveryDaysKeyOpensWithTheNewKekAlone()
    {
        var first = Seal(_kek).Seal(Text, "notes.v");
        _clock.Advance(TimeSpan.FromDays(1));
        var second = Seal(_kek).Seal(Text, "notes.v");
        var newKek = NewKey();

        Assert.Equal(2, Seal(newKek, previous: _kek).RewrapOld());

        Assert.Equal(Text, Seal(newKek).Unseal(first, "notes.v"));
        Assert.Equal(Text, Seal(newKek).Unseal(second, "notes.v"));
        Assert.Equal(0, Seal(newKek).RewrapOld());
    }

    [Fact]
    public void KeyRetention_KeyOfAValueStillStored_KeptUntilTheValueIsGone_ThenTheValueNeverOpensAgain()
    {
        var seal = Seal(_kek);
        var old = seal.Seal(Text, "notes.v")!;
        Insert(old);
        _clock.Advance(TimeSpan.FromDays(45));
        Insert(seal.Seal("วันนี้", "notes.v"));
        var retention = new PgSealKeyRetention(_dataSource, seal, [new PgSealedColumn("notes", "v")], new AgencyContext(),
            Options.Create(new StorageOptions { RetentionDays = 30 }), _clock, NullLogger<PgSealKeyRetention>.Instance);

        Assert.Equal(0, retention.DestroyUnneededKeys());
        Assert.Equal(Text, Seal(_kek).Unseal(old, "notes.v"));

        Execute("delete from notes where v like '%" + old[^12..] + "'");
        Assert.Equal(1, retention.DestroyUnneededKeys());

        Assert.Null(seal.Unseal(old, "notes.v"));
        Assert.Null(Seal(_kek).Unseal(old, "notes.v"));
        Assert.Equal(1L, Scalar("select count(*) from seal_keys"));    // today's key stays
    }

    private PgTextSeal Seal(string kek, string? previous = null) => new(_dataSource,
        Options.Create(new VaultOptions { Kek = kek, PreviousKek = previous, DataDirectory = Path.GetTempPath() }), new AgencyContext(), _clock);

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private void Insert(string? value)
    {
        using var command = _dataSource.CreateCommand("insert into notes (agency_id, v) values ('default', @v)");
        command.Parameters.AddWithValue("v", value!);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _dataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _dataSource.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
