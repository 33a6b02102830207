using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ItaBot.Staff.PostgreSql;

/// <summary>
/// The staff sign-in key ring (data protection: cookies, antiforgery, TOTP secrets) in PostgreSQL, so a session opened on
/// one node is good on every node. Elements arrive already sealed by <see cref="StaffKeyRingEncryptor"/> with the key from
/// ItaBot:Staff:KeyRingKey, which never enters the database: a copy of the database or a backup opens no session. One ring
/// for the deployment (the cookies are the deployment's), so the table has no agency column.
/// </summary>
internal sealed class PostgreSqlKeyRingRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("select xml from staff_key_ring order by position");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("insert into staff_key_ring (friendly_name, xml) values (@name, @xml)");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// Makes the ring's first key once for all nodes, before data protection loads the ring at start: two nodes starting
/// together on an empty ring would each make a key and keep only their own in memory (a ring is re-read once a day), so
/// a cookie of one would be refused by the other. Under an advisory lock the second node finds the first one's key.
/// </summary>
internal sealed class SharedKeyRingFirstKey(NpgsqlDataSource dataSource, IKeyManager keys, IOptions<KeyManagementOptions> options, TimeProvider time)
    : IHostedService
{
    private const long LockKey = 0x1A7AB0_5EC2E7;   // "ItaBot secret": one advisory lock id for this start-up step

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await Execute(connection, "select pg_advisory_lock(@key)", cancellationToken).ConfigureAwait(false);
            try
            {
                var now = time.GetUtcNow();
                if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                {
                    keys.CreateNewKey(now, now + options.Value.NewKeyLifetime);
                }
            }
            finally
            {
                await Execute(connection, "select pg_advisory_unlock(@key)", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", LockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
