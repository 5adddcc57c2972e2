using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>The reading store contract on a database of the tests' PostgreSQL cluster.</summary>
public sealed class PostgresReadingStoreTests : ReadingStoreContractTests
{
    protected override async Task<IReadingStore> OpenAsync() =>
        await PostgresStore.OpenAsync(new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync()), TimeProvider.System, TestContext.Current.CancellationToken);
}
