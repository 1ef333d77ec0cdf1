namespace OrderActors.Audit;

/// <summary>The append-only audit log every area writes its security events and state changes to.</summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
