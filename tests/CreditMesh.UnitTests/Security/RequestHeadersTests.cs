using CreditMesh.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http;

namespace CreditMesh.UnitTests.Security;

public sealed class RequestHeadersTests
{
    private static long? IfMatch(string? value, bool required = false)
    {
        var http = new DefaultHttpContext();
        if (value is not null) http.Request.Headers.IfMatch = value;
        return http.IfMatchVersion(required);
    }

    [TestCase("\"3\"", 3L)]
    [TestCase("W/\"12\"", 12L)]
    [TestCase("*", null)]
    [TestCase(null, null)]
    public void If_match_names_the_expected_version_or_any(string? header, long? version)
    {
        Assert.That(IfMatch(header), Is.EqualTo(version));
    }

    [TestCase("garbage")]
    [TestCase("3")]
    [TestCase("\"3\", \"4\"")]
    [TestCase("\"-1\"")]
    public void A_malformed_if_match_is_refused_naming_the_header(string header)
    {
        var refused = Assert.Throws<InvalidHeaderException>(() => IfMatch(header));
        Assert.That(refused!.Header, Is.EqualTo("If-Match"));
    }

    [Test]
    public void An_update_that_requires_if_match_is_refused_without_it()
    {
        Assert.Throws<PreconditionRequiredException>(() => IfMatch(null, required: true));
        Assert.That(IfMatch("*", required: true), Is.Null);
    }
}
