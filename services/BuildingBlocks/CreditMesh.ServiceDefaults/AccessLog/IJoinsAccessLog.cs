namespace CreditMesh.ServiceDefaults.AccessLog;

/// <summary>
/// A result that commits the request's access-log entry in its own durable write, so the answer waits for one commit
/// instead of two (DESIGN §6; matching's match log, ADR 0014). The access-log filter hands it the entry instead of queueing
/// it with <see cref="AccessLogWriter"/>; the result must not answer before that write committed, and must record the
/// failure through the writer if it did not.
/// </summary>
public interface IJoinsAccessLog
{
    void Join(AccessLogEntry entry);
}
