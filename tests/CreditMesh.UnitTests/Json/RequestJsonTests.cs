using System.Text.Json;
using CreditMesh.Ingestion.Domain.Records;
using CreditMesh.Repair.Features;
using CreditMesh.ServiceDefaults.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CreditMesh.UnitTests.Json;

/// <summary>Input hygiene of the HTTP API's JSON (ADR 0012): what is refused while a body is read, and the field it is reported under.</summary>
public sealed class RequestJsonTests
{
    private static readonly JsonSerializerOptions Options = new ServiceCollection().AddApiJson().BuildServiceProvider()
        .GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

    private static (string Field, string Message) Refusal<T>(string json)
    {
        var refused = Assert.Catch<JsonException>(() => JsonSerializer.Deserialize<T>(json, Options))!;
        return JsonProblems.Describe(new BadHttpRequestException("Failed to read parameter \"body\" from the request body as JSON.", 400, refused))!.Value;
    }

    private const string Target = """ "subjectCode":"9144030071526726XG","target":{"kind":"Record","id":"r-1"} """;

    [Test]
    public void A_control_character_in_any_text_is_refused_naming_its_field()
    {
        Assert.That(Refusal<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "commitment":"承诺\u0000" }""").Field, Is.EqualTo("commitment"));
        var nested = Refusal<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "evidence":[{"type":"a"},{"type":"b","description":"x\u0007"}] }""");
        Assert.That(nested.Field, Is.EqualTo("evidence[1].description"));
        Assert.That(nested.Message, Does.Contain("U+0007"));
    }

    [Test]
    public void Tabs_and_line_breaks_are_text()
    {
        var read = JsonSerializer.Deserialize<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "commitment":"第一条\n\t第二条\r\n" }""", Options);
        Assert.That(read!.Commitment, Is.EqualTo("第一条\n\t第二条\r\n"));
    }

    [Test]
    public void Text_and_lists_over_their_limits_are_refused_naming_the_field()
    {
        var commitment = Refusal<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "commitment":"{{new string('诺', 4001)}}" }""");
        Assert.That(commitment, Is.EqualTo(("commitment", "The text has 4001 characters; at most 4000 are accepted here.")));
        var evidence = string.Join(",", Enumerable.Repeat("""{"type":"Payment","description":"收据"}""", 21));
        Assert.That(Refusal<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "evidence":[{{evidence}}] }"""),
            Is.EqualTo(("evidence", "evidence has at most 20 items; this one has 21.")));
        Assert.That(Refusal<RepairApplicationApi.ApplicationRequest>($$"""{ {{Target}}, "evidence":[{"type":"{{new string('t', 201)}}"}] }""").Field,
            Is.EqualTo("evidence[0].type"));
    }

    [Test]
    public void A_duplicate_key_is_refused_naming_it()
    {
        var duplicate = Refusal<RepairApplicationApi.ApplicationRequest>("""{"commitment":"a","commitment":"b"}""");
        Assert.That(duplicate.Field, Is.EqualTo("commitment"));
        Assert.That(duplicate.Message, Does.Contain("more than once"));
    }

    [Test]
    public void A_value_of_the_wrong_type_is_refused_naming_its_field()
    {
        var wrong = Refusal<CreditRecordSubmission>("""{"sourceRecordId":"PEN-1","fineAmount":"fifty thousand"}""");
        Assert.That(wrong.Field, Is.EqualTo("fineAmount"));
        Assert.That(wrong.Message, Does.Contain("wrong JSON type"));
        Assert.That(Refusal<CreditRecordSubmission>("""{"subject":{"code":12}}""").Field, Is.EqualTo("subject.code"));
    }

    [Test]
    public void Malformed_json_is_refused_for_the_body()
    {
        var malformed = Refusal<CreditRecordSubmission>("""{"sourceRecordId":""");
        Assert.That(malformed.Message, Does.StartWith("The body is not valid JSON here"));
    }

    [Test]
    public void A_credit_record_keeps_its_text_for_the_record_validator_which_answers_per_record()
    {
        var read = JsonSerializer.Deserialize<CreditRecordSubmission>("""{"sourceRecordId":"PEN-1","facts":"发布虚假广告\u0000"}""", Options);
        Assert.That(read!.Facts, Does.EndWith("\0"));
        Assert.That(RecordValidator.Validate(read, new DateOnly(2026, 11, 24)).Errors["facts"][0], Does.Contain("control character"));
    }

    [Test]
    public void Id_numbers_are_masked_when_written_outside_a_request_of_a_privileged_caller()
    {
        var written = JsonSerializer.Serialize(new { actor = "subject:11010519491231002X:p", errors = new Dictionary<string, string[]> { ["x"] = ["110105194912310021"] } }, Options);
        Assert.That(written, Is.EqualTo("""{"actor":"subject:110105********002X:p","errors":{"x":["110105********0021"]}}"""));
    }
}
