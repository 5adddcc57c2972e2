using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>Two stores, as two nodes would open them, on one new database of the tests' PostgreSQL cluster.</summary>
public abstract class TwoStoresOnOneDatabase : IAsyncLifetime
{
    /// <summary>The database's connection string, for a test's own connections.</summary>
    protected string Database { get; private set; } = "";

    internal PostgresStore A { get; private set; } = null!;

    internal PostgresStore B { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await PostgresCluster.CreateDatabaseAsync();
        A = await PostgresStore.OpenAsync(new PostgresStoreOptions(Database), TimeProvider.System, Ct);
        B = await PostgresStore.OpenAsync(new PostgresStoreOptions(Database), TimeProvider.System, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
