using System.Globalization;
using Npgsql;

namespace CreditMesh.EventSourcing;

/// <summary>Turns rows of the events table into <see cref="StoredEvent"/>s.</summary>
internal static class EventReader
{
    public const string SelectColumns =
        "select e.seq, e.id, e.stream_id, e.version, e.type, e.data::text, e.metadata::text, e.created_at, e.tx_id::text, e.hash from events e";

    public static async Task<IReadOnlyList<StoredEvent>> ReadAllAsync(NpgsqlCommand command, EventSerializer serializer,
        CancellationToken ct)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var type = reader.GetString(4);
            events.Add(new StoredEvent(
                Seq: reader.GetInt64(0),
                Id: reader.GetGuid(1),
                StreamId: reader.GetString(2),
                Version: reader.GetInt64(3),
                Type: type,
                Data: serializer.Deserialize(type, reader.GetString(5)),
                Metadata: EventSerializer.DeserializeMetadata(reader.GetString(6)),
                CreatedAt: reader.GetFieldValue<DateTimeOffset>(7),
                TxId: ulong.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                Hash: reader.GetFieldValue<byte[]>(9)));
        }
        return events;
    }
}
