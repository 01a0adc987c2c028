using System.Text.Json;

namespace CreditMesh.FunctionalTests.Stack;

/// <summary>ADR 0012: the limits a request member has are in each service's OpenAPI document, as the service enforces them.</summary>
public sealed class OpenApiLimitsTests
{
    private static async Task<JsonElement> SchemaAsync(string service, string schema)
    {
        using var client = RunningSystem.Client(direct: true, service: service);
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        return document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").Clone();
    }

    [Test]
    public async Task Text_and_list_limits_are_documented_in_the_openapi_schema()
    {
        var application = await SchemaAsync("Repair", "ApplicationRequest");
        Assert.That(application.GetProperty("commitment").GetProperty("maxLength").GetInt32(), Is.EqualTo(4000));
        Assert.That(application.GetProperty("commitment").GetProperty("type").ToString(), Does.Contain("string"));
        Assert.That(application.GetProperty("evidence").GetProperty("maxItems").GetInt32(), Is.EqualTo(20));
        Assert.That((await SchemaAsync("Repair", "ObjectionRequest")).GetProperty("grounds").GetProperty("maxLength").GetInt32(), Is.EqualTo(4000));
        Assert.That((await SchemaAsync("Registry", "RegisterSubjectRequest")).GetProperty("name").GetProperty("maxLength").GetInt32(), Is.EqualTo(200));
        Assert.That((await SchemaAsync("Lists", "RemovalRequest")).GetProperty("reason").GetProperty("maxLength").GetInt32(), Is.EqualTo(1000));
    }
}
