using CreditMesh.EventSourcing;

namespace CreditMesh.UnitTests.EventSourcing;

/// <summary>Rows met one after another go out as one statement, in order; a repeated key or another write ends the run first.</summary>
public sealed class RowRunTests
{
    private readonly List<string> _statements = [];

    [SetUp]
    public void Clear() => _statements.Clear();

    private RowRun<(string Id, string Value)> Run() => new(r => r.Id, (_, rows) => _statements.Add(string.Join(",", rows.Select(r => $"{r.Id}={r.Value}"))));

    [Test]
    public void Rows_that_follow_one_another_are_one_statement_in_their_order()
    {
        var run = Run();
        run.Add(null!, ("r1", "a"));
        run.Add(null!, ("r2", "b"));
        run.Add(null!, ("r3", "c"));
        run.Flush(null!);

        Assert.That(_statements, Is.EqualTo(new[] { "r1=a,r2=b,r3=c" }));
    }

    [Test]
    public void A_key_seen_again_ends_the_run_so_the_later_row_is_written_after_the_earlier_one()
    {
        var run = Run();
        run.Add(null!, ("r1", "accepted"));
        run.Add(null!, ("r2", "accepted"));
        run.Add(null!, ("r1", "corrected"));
        run.Flush(null!);

        Assert.That(_statements, Is.EqualTo(new[] { "r1=accepted,r2=accepted", "r1=corrected" }));
    }

    [Test]
    public void Flushing_an_empty_run_writes_nothing_and_a_flushed_run_starts_afresh()
    {
        var run = Run();
        run.Flush(null!);
        run.Add(null!, ("r1", "a"));
        run.Flush(null!);
        run.Add(null!, ("r1", "b"));
        run.Flush(null!);

        Assert.That(_statements, Is.EqualTo(new[] { "r1=a", "r1=b" }));
    }
}
