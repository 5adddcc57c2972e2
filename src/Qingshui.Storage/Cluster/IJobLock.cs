namespace Qingshui.Storage.Cluster;

/// <summary>
/// Lets one node of several run a job (the ledger recomputation, alert evaluation, split expiry, escalation): the
/// node that holds a job's lock runs it, the others wait their turn. A node holds a lock until it releases it, stops, or
/// loses its connection to the database; whoever asks next then gets it.
/// </summary>
public interface IJobLock : IAsyncDisposable
{
    /// <summary>Whether this node holds the job's lock now, taking it if it is free. Asked before each run of the job.</summary>
    Task<bool> TryHoldAsync(string job, CancellationToken cancellationToken);

    /// <summary>Lets another node take the job.</summary>
    Task ReleaseAsync(string job, CancellationToken cancellationToken);
}

/// <summary>The lock of a server that is the only node: every job is its own.</summary>
public sealed class SingleNodeJobLock : IJobLock
{
    public Task<bool> TryHoldAsync(string job, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(string job, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
