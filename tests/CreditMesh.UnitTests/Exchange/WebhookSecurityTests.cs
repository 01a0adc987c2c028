using System.Text;
using CreditMesh.Exchange.Domain.Deliveries;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>Signed deliveries and bounded backoff (DESIGN §4.10).</summary>
public sealed class WebhookSecurityTests
{
    [Test]
    public void The_signature_is_hmac_sha256_of_the_raw_body_in_lower_hex()
    {
        // The well-known HMAC-SHA256 vector: key "key", message "The quick brown fox jumps over the lazy dog".
        var signature = WebhookSecurity.Sign("key", "The quick brown fox jumps over the lazy dog"u8);

        Assert.That(signature, Is.EqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
    }

    [Test]
    public void A_receiver_accepts_the_body_it_was_sent_and_refuses_a_changed_one()
    {
        var secret = WebhookSecurity.SecretFor("a-key-of-at-least-thirty-two-bytes!!", "sub-1");
        var body = Encoding.UTF8.GetBytes("""{"event":"ListEntryActivated"}""");
        var signature = WebhookSecurity.Sign(secret, body);

        Assert.That(WebhookSecurity.Verify(secret, body, signature), Is.True);
        Assert.That(WebhookSecurity.Verify(secret, Encoding.UTF8.GetBytes("""{"event":"ListEntryRemoved"}"""), signature), Is.False);
        Assert.That(WebhookSecurity.Verify(WebhookSecurity.SecretFor("a-key-of-at-least-thirty-two-bytes!!", "sub-2"), body, signature), Is.False,
            "each subscription has its own secret");
    }

    [Test]
    public void Backoff_doubles_from_the_initial_delay_and_stops_growing_at_the_maximum()
    {
        var waits = Enumerable.Range(1, 12).Select(n => DeliveryBackoff.After(n, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5))).ToList();

        Assert.That(waits.Take(4), Is.EqualTo(new[] { 1, 2, 4, 8 }.Select(s => TimeSpan.FromSeconds(s))));
        Assert.That(waits.Skip(9), Is.All.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(DeliveryBackoff.After(1000, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)), Is.EqualTo(TimeSpan.FromMinutes(5)));
    }
}
