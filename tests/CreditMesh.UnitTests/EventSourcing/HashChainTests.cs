using CreditMesh.EventSourcing;

namespace CreditMesh.UnitTests.EventSourcing;

public sealed class HashChainTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 10, 9, 30, 0, TimeSpan.FromHours(8));

    [Test]
    public void Canonical_form_ignores_key_order_white_space_and_number_spelling_the_way_jsonb_rewrites_them()
    {
        var written = """{"subjectCode":"9144030071526726XG","fineAmount":50000.00,"ratio":1E+2,"tags":["a","b"]}""";
        var readBack = """{"tags": ["a", "b"], "ratio": 100, "fineAmount": 50000.00, "subjectCode": "9144030071526726XG"}""";

        Assert.That(CanonicalForm.Canonicalize(readBack), Is.EqualTo(CanonicalForm.Canonicalize(written)));
    }

    [Test]
    public void Canonical_form_ignores_string_escaping_but_not_text_or_the_scale_of_amounts()
    {
        var escaped = """{"b": "\u7f5a\u6b3e5\u4e07\u5143", "a": 50000.50}""";
        Assert.That(CanonicalForm.Canonicalize(escaped), Is.EqualTo(CanonicalForm.Canonicalize("""{"a":50000.50,"b":"罚款5万元"}""")));
        Assert.That(CanonicalForm.Canonicalize(escaped), Is.Not.EqualTo(CanonicalForm.Canonicalize("""{"a":50000.5,"b":"罚款5万元"}""")));
        Assert.That(CanonicalForm.Canonicalize(escaped), Is.Not.EqualTo(CanonicalForm.Canonicalize("""{"a":50000.50,"b":"罚款6万元"}""")));
    }

    [Test]
    public void Writing_skips_canonicalizing_only_where_the_serializer_output_is_canonical_already()
    {
        var e = new PenaltyFiled("PEN-2026-000123", "深市监罚〔2026〕123号", 50000.50m, ["Fine", "Warning"], new DateOnly(2026, 5, 10),
            new Authority("深圳市市场监督管理局", "11440300MB2C928511"), "line\nbreak \"quoted\" \u0001", null);
        var json = System.Text.Json.JsonSerializer.Serialize(e, EventJson.Options);

        Assert.That(CanonicalForm.IsWrittenCanonically(typeof(PenaltyFiled)), Is.True);
        Assert.That(CanonicalForm.Canonicalize(json), Is.EqualTo(json));
        Assert.That(CanonicalForm.IsWrittenCanonically(typeof(ScoreChanged)), Is.False, "doubles and dictionaries may be spelled differently");
    }

    [Test]
    public void A_hash_computed_while_writing_equals_the_hash_recomputed_from_a_jsonb_rewrite()
    {
        foreach (object e in new object[]
        {
            new PenaltyFiled("PEN-1", "文号", 1.50m, ["Fine"], new DateOnly(2026, 1, 2), new Authority("局", null), "事实", 3),
            new ScoreChanged(1e21, new Dictionary<string, int> { ["z"] = 1, ["a"] = 2 }),
        })
        {
            var json = System.Text.Json.JsonSerializer.Serialize(e, e.GetType(), EventJson.Options);
            var written = HashChain.Compute([], "s", 1, "t", At, json, "{}", CanonicalForm.IsWrittenCanonically(e.GetType()));
            var readBack = Reordered(json);
            Assert.That(HashChain.Compute([], "s", 1, "t", At, readBack, "{}"), Is.EqualTo(written), e.GetType().Name);
        }
    }

    public sealed record Authority(string Name, string? Code);
    public sealed record PenaltyFiled(string SourceRecordId, string DecisionNumber, decimal FineAmount, IReadOnlyList<string> PenaltyCategories,
        DateOnly DecisionDate, Authority DecidingAuthority, string Facts, int? Count);
    public sealed record ScoreChanged(double Score, Dictionary<string, int> Parts);

    /// <summary>Keys in reverse order with spaces, numbers spelled out: what jsonb may hand back.</summary>
    private static string Reordered(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return Rewrite(node);

        static string Rewrite(System.Text.Json.Nodes.JsonNode? n) => n switch
        {
            System.Text.Json.Nodes.JsonObject o => "{" + string.Join(", ", o.Reverse().Select(p => System.Text.Json.JsonSerializer.Serialize(p.Key) + ": " + Rewrite(p.Value))) + "}",
            System.Text.Json.Nodes.JsonArray a => "[" + string.Join(", ", a.Select(Rewrite)) + "]",
            System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => decimal.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
            null => "null",
            _ => n.ToJsonString(),
        };
    }

    [TestCase("data")]
    [TestCase("metadata")]
    [TestCase("version")]
    [TestCase("type")]
    [TestCase("time")]
    [TestCase("previous")]
    public void Changing_any_part_of_an_event_changes_its_hash(string part)
    {
        var original = Hash();
        var changed = part switch
        {
            "data" => Hash(data: """{"fineAmount":1}"""),
            "metadata" => Hash(metadata: """{"actor":{"unit":"other"}}"""),
            "version" => Hash(version: 3),
            "type" => Hash(type: "record-revoked"),
            "time" => Hash(at: At.AddTicks(10)),
            _ => Hash(previous: [1, 2, 3]),
        };
        Assert.That(changed, Is.Not.EqualTo(original));
    }

    [Test]
    public void Timestamps_are_hashed_to_the_microsecond_postgresql_keeps()
    {
        var withTicks = At.AddTicks(7);
        Assert.That(HashChain.TruncateToMicroseconds(withTicks), Is.EqualTo(At));
        Assert.That(Hash(at: HashChain.TruncateToMicroseconds(withTicks)), Is.EqualTo(Hash()));
    }

    private static byte[] Hash(byte[]? previous = null, long version = 2, string type = "record-amended",
        DateTimeOffset? at = null, string data = """{"fineAmount":50000}""", string metadata = """{"actor":{"unit":"unit-a"}}""") =>
        HashChain.Compute(previous ?? [9, 9, 9], "record-1", version, type, at ?? At, data, metadata);

}
