using CreditMesh.EventSourcing;

namespace CreditMesh.IntegrationTests.EventSourcing;

/// <summary>DESIGN §2: a consumer's inbox claim commits or rolls back with its effects, whatever those are.</summary>
public sealed class InboxTests
{
    [Test]
    public async Task A_claim_whose_effect_is_only_sql_commits_with_it_and_a_redelivery_is_recognised()
    {
        await using var store = await TestStore.StartAsync();
        await store.ScalarAsync("create table seen (message_id uuid primary key)");
        var message = Guid.NewGuid();

        for (var delivery = 1; delivery <= 2; delivery++)
        {
            await using var session = await store.Store.OpenWriteSessionAsync(EventMetadata.None, default);
            if (!await session.TryClaimAsync("consumer-a", message, default)) continue;
            await session.ExecuteSqlAsync("insert into seen values ($1)", default, message);
            await session.CommitAsync(default);
        }

        Assert.That(await store.ScalarAsync("select count(*) from seen"), Is.EqualTo(1), "effect once");
        Assert.That(await store.ScalarAsync("select count(*) from inbox where consumer = 'consumer-a'"), Is.EqualTo(1), "claim kept");
    }

    [Test]
    public async Task A_claim_rolls_back_with_an_effect_that_failed_so_the_redelivery_does_the_work()
    {
        await using var store = await TestStore.StartAsync();
        var message = Guid.NewGuid();

        await using (var failing = await store.Store.OpenWriteSessionAsync(EventMetadata.None, default))
        {
            Assert.That(await failing.TryClaimAsync("consumer-b", message, default), Is.True);
            failing.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1"));
            // the consumer fails before committing (the session is disposed)
        }
        await using (var retry = await store.Store.OpenWriteSessionAsync(EventMetadata.None, default))
        {
            Assert.That(await retry.TryClaimAsync("consumer-b", message, default), Is.True, "the first claim did not survive its failure");
            Assert.That(await retry.TryClaimAsync("consumer-c", message, default), Is.True, "another inbox claims the same message on its own");
            retry.Events.StartStream<FiledRecord>("record-1", TestStore.Filed("record-1"));
            await retry.CommitAsync(default);
        }
        Assert.That(await store.ScalarAsync("select count(*) from mt_events"), Is.EqualTo(1));
    }
}
