using CreditMesh.Exchange.Domain.Subscriptions;

namespace CreditMesh.UnitTests.Exchange;

/// <summary>No SSRF (DESIGN §4.10, §7): callbacks only to allow-listed hosts.</summary>
public sealed class CallbackPolicyTests
{
    private static readonly CallbackPolicy Development = new(["localhost", "127.0.0.1"]);

    [TestCase("http://127.0.0.1:41234/hooks")]
    [TestCase("https://LOCALHOST/hooks?x=1")]
    [TestCase("http://localhost./hooks")]
    public void An_allow_listed_host_may_be_called_back(string url) => Assert.That(Development.Refusal(url), Is.Null);

    [TestCase("http://169.254.169.254/latest/meta-data", "169.254.169.254")]
    [TestCase("http://10.0.0.5/hooks", "10.0.0.5")]
    [TestCase("https://approval.example.gov.cn/hooks", "approval.example.gov.cn")]
    [TestCase("http://[::1]/hooks", "::1")]
    [TestCase("http://127.0.0.2/hooks", "127.0.0.2")]
    public void Any_other_host_is_refused_by_name(string url, string host) =>
        Assert.That(Development.Refusal(url), Does.Contain(host).And.Contain("Exchange:CallbackAllowList"));

    [TestCase("ftp://localhost/hooks")]
    [TestCase("/hooks")]
    [TestCase("http://user:secret@localhost/hooks")]
    [TestCase("http://localhost/hooks#part")]
    [TestCase("")]
    public void A_malformed_or_credentialed_callback_is_refused(string url) => Assert.That(Development.Refusal(url), Is.Not.Null);

    [Test]
    public void With_an_empty_list_nothing_may_be_called_back() =>
        Assert.That(new CallbackPolicy([]).Refusal("http://localhost/hooks"), Does.Contain("empty"));
}
