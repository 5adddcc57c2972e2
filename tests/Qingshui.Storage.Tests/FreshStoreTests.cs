using Microsoft.Data.Sqlite;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

/// <summary>Each test on a new SQLite store in a folder of its own, removed afterwards.</summary>
public abstract class FreshStoreTests(string folderPrefix) : IAsyncLifetime
{
    /// <summary>The folder the store's file lives in.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    /// <summary>The store's database file.</summary>
    protected string DatabasePath => Path.Combine(Folder, "q.db");

    /// <summary>The store, open for the test.</summary>
    protected SqliteStore Store { get; private set; } = null!;

    /// <summary>Opens the store; a test class that needs more set-up adds to it.</summary>
    public virtual async ValueTask InitializeAsync() =>
        Store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
