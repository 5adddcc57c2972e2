using Microsoft.Data.Sqlite;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests;

/// <summary>The backends every store contract runs against.</summary>
public enum StoreBackend
{
    /// <summary>The embedded SQLite file.</summary>
    Sqlite,

    /// <summary>A database on the tests' throwaway PostgreSQL cluster.</summary>
    Postgres,
}

/// <summary>Opens a fresh, empty store of a backend for one test, and removes it afterwards.</summary>
public static class TestStores
{
    /// <summary>
    /// A new store of the backend, as the interface a test needs (the backends' classes implement every store
    /// interface); the returned action removes what the store left on disk.
    /// </summary>
    public static async Task<(TStore Store, Func<ValueTask> Remove)> OpenAsync<TStore>(StoreBackend backend, TimeProvider? clock = null)
        where TStore : class
    {
        clock ??= TimeProvider.System;
        CancellationToken ct = TestContext.Current.CancellationToken;
        switch (backend)
        {
            case StoreBackend.Sqlite:
                string folder = Directory.CreateTempSubdirectory("qingshui-store-").FullName;
                SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "q.db")), clock, ct);
                return (As<TStore>(sqlite), async () =>
                {
                    await sqlite.DisposeAsync();
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(folder, recursive: true);
                });
            default:
                PostgresStore postgres = await PostgresStore.OpenAsync(new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync()), clock, ct);
                return (As<TStore>(postgres), postgres.DisposeAsync);
        }
    }

    private static TStore As<TStore>(object store) where TStore : class =>
        store as TStore ?? throw new InvalidOperationException($"{store.GetType().Name} does not implement {typeof(TStore).Name}");
}
