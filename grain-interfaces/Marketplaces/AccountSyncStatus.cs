namespace OrderActors.Marketplaces;

/// <summary>The health of a connected shop's synchronisation. Names are part of the JSON contract.</summary>
public enum AccountSyncStatus
{
    /// <summary>Created through OAuth, waiting for the seller to authorize.</summary>
    AwaitingAuthorization = 0,
    Idle = 1,
    Syncing = 2,
    /// <summary>The last sync failed for a reason that may pass (outage, throttling); polling continues.</summary>
    Degraded = 3,
    /// <summary>Credentials rejected or authorization revoked: polling stops until the credentials are fixed.</summary>
    Error = 4,
    Disabled = 5,
}
