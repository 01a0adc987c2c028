using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// subject_directory: code, name and kind of every subject, written in the append transaction, so the
/// public portal (信用门户) can find a subject by part of its name. Rebuildable from the subject streams.
/// Registrations that follow one another (a batch of provisional subjects) are one upsert.
/// </summary>
public sealed class SubjectDirectoryProjection : SqlProjection
{
    public override string Name => "subject-directory";
    public override IReadOnlyList<string> Tables => ["subject_directory"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var registrations = new RowRun<SubjectRegistered>(r => r.Code, Register);
        foreach (var e in events)
        {
            if (e.Data is SubjectRegistered registered)
            {
                registrations.Add(operations, registered);
                continue;
            }
            registrations.Flush(operations);
            switch (e.Data)
            {
                case SubjectUpdated updated:
                    operations.QueueSql("update subject_directory set name = $2 where code = $1", updated.Code, updated.Name);
                    break;
                case SubjectDeregistered deregistered:
                    operations.QueueSql("update subject_directory set deregistered = true where code = $1", deregistered.Code);
                    break;
            }
        }
        registrations.Flush(operations);
        return Task.CompletedTask;
    }

    private static void Register(IDocumentOperations operations, IReadOnlyList<SubjectRegistered> rows) =>
        operations.QueueSql("""
            insert into subject_directory (code, name, kind, deregistered)
            select code, name, kind, false from unnest($1::text[], $2::text[], $3::text[]) as r(code, name, kind)
            on conflict (code) do update set name = excluded.name, kind = excluded.kind
            """, rows.Select(r => r.Code).ToArray(), rows.Select(r => r.Name).ToArray(), rows.Select(r => r.Kind.ToString()).ToArray());
}
