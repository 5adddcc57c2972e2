namespace Qingshui.Storage.Tests;

/// <summary>
/// Each test on a new, empty store of one backend. A contract is an abstract class deriving from this one, with a
/// sealed subclass per backend, so that every store operation is tested on SQLite and on PostgreSQL alike.
/// </summary>
/// <typeparam name="TStore">The store interface the tests use.</typeparam>
public abstract class BackendStoreTests<TStore>(StoreBackend backend) : IAsyncLifetime
    where TStore : class
{
    private Func<ValueTask>? _remove;

    /// <summary>The backend under test.</summary>
    protected StoreBackend Backend { get; } = backend;

    /// <summary>The store, open for the test.</summary>
    protected TStore Store { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The clock the store is opened with; a test class overrides it to control time.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync() => (Store, _remove) = await TestStores.OpenAsync<TStore>(Backend, Clock);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_remove is not null)
        {
            await _remove();
        }

        GC.SuppressFinalize(this);
    }
}
