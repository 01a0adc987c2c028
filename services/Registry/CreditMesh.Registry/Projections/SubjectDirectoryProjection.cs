using CreditMesh.EventSourcing;
using CreditMesh.Registry.Domain;
using JasperFx.Events;
using Marten;

namespace CreditMesh.Registry.Projections;

/// <summary>
/// subject_directory: code, name and kind of every subject, written in the append transaction, so the
/// public portal (信用门户) can find a subject by part of its name. Rebuildable from the subject streams.
/// </summary>
public sealed class SubjectDirectoryProjection : SqlProjection
{
    public override string Name => "subject-directory";
    public override IReadOnlyList<string> Tables => ["subject_directory"];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case SubjectRegistered registered:
                    operations.QueueSql("""
                        insert into subject_directory (code, name, kind, deregistered) values ($1, $2, $3, false)
                        on conflict (code) do update set name = excluded.name, kind = excluded.kind
                        """, registered.Code, registered.Name, registered.Kind.ToString());
                    break;
                case SubjectUpdated updated:
                    operations.QueueSql("update subject_directory set name = $2 where code = $1", updated.Code, updated.Name);
                    break;
                case SubjectDeregistered deregistered:
                    operations.QueueSql("update subject_directory set deregistered = true where code = $1", deregistered.Code);
                    break;
            }
        }
        return Task.CompletedTask;
    }
}
