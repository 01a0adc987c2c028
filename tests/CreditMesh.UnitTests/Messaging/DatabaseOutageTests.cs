using CreditMesh.Messaging;
using Npgsql;

namespace CreditMesh.UnitTests.Messaging;

/// <summary>Which database errors keep a message for later instead of sending it to _error (a PostgreSQL restart, issue 17's fault run).</summary>
public sealed class DatabaseOutageTests
{
    [TestCase("57P03", true, TestName = "the database is starting up: wait for it")]
    [TestCase("57P01", true, TestName = "the administrator shut it down: wait for it")]
    [TestCase("23505", false, TestName = "a unique violation is no outage")]
    [TestCase("42P01", false, TestName = "a missing table is no outage")]
    public void A_server_error_is_an_outage_only_when_the_server_is_stopping_or_starting(string sqlState, bool outage) =>
        Assert.That(DatabaseOutage.IsOutage(new PostgresException("message", "FATAL", "FATAL", sqlState)), Is.EqualTo(outage));

    [Test]
    public void A_connection_that_failed_is_an_outage() =>
        Assert.That(DatabaseOutage.IsOutage(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))), Is.True);
}
