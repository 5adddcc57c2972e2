using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// Two stores on one PostgreSQL database, as two server nodes are: each test makes them write the same rows at the same
/// moment and checks that the outcome is the one SQLite's single writer gives.
/// </summary>
public abstract class TwoNodeTests : IAsyncLifetime
{
    /// <summary>How many times a race is run: once may not be enough for the two to meet.</summary>
    protected const int Rounds = 12;

    /// <summary>The first node's store.</summary>
    protected PostgresStore A { get; private set; } = null!;

    /// <summary>The second node's store.</summary>
    protected PostgresStore B { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        A = await PostgresStore.OpenAsync(options, TimeProvider.System, Ct);
        B = await PostgresStore.OpenAsync(options, TimeProvider.System, Ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the same write on both nodes at once (each on a thread-pool thread) and gives both outcomes, A's first.</summary>
    protected static async Task<(T A, T B)> AtOnceAsync<T>(Func<Task<T>> onA, Func<Task<T>> onB)
    {
        using var start = new Barrier(2);
        Task<T> a = Task.Run(() => { start.SignalAndWait(Ct); return onA(); }, Ct);
        Task<T> b = Task.Run(() => { start.SignalAndWait(Ct); return onB(); }, Ct);
        return (await a, await b);
    }

    /// <summary>Whether a write failed with a store error, rather than succeeded.</summary>
    protected static async Task<bool> RefusedAsync(Func<Task> write)
    {
        try
        {
            await write();
            return false;
        }
        catch (StoreException)
        {
            return true;
        }
    }
}
