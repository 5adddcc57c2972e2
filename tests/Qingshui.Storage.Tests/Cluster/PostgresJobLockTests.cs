using Npgsql;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Cluster;

/// <summary>Two nodes' job locks on one database of the throwaway cluster.</summary>
public sealed class PostgresJobLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodes_OneHoldsAJob_TheOtherTakesItOnlyOnceReleased()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        await using var a = new PostgresJobLock(options, "a", TimeProvider.System);
        await using var b = new PostgresJobLock(options, "b", TimeProvider.System);

        Assert.True(await a.TryHoldAsync("ledger", Ct));
        Assert.False(await b.TryHoldAsync("ledger", Ct));
        Assert.True(await b.TryHoldAsync("alerts", Ct));
        Assert.True(await a.TryHoldAsync("ledger", Ct));

        await a.ReleaseAsync("ledger", Ct);

        Assert.True(await b.TryHoldAsync("ledger", Ct));
        Assert.False(await a.TryHoldAsync("ledger", Ct));
    }

    [Fact]
    public async Task HoldersConnectionLost_ItStopsHolding_AndTheOtherNodeTakesTheJob()
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        var options = new PostgresStoreOptions(database);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = new PostgresJobLock(options, "a", clock);
        await using var b = new PostgresJobLock(options, "b", clock);
        Assert.True(await a.TryHoldAsync("ledger", Ct));

        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'qingshui-jobs a'", admin);
            Assert.Equal(1L, await kill.ExecuteScalarAsync(Ct));
        }

        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await a.TryHoldAsync("ledger", Ct));
        Assert.True(await b.TryHoldAsync("ledger", Ct));
        Assert.False(await a.TryHoldAsync("ledger", Ct));
    }

    [Fact]
    public async Task HolderDisposed_ItsJobsAreFree()
    {
        var options = new PostgresStoreOptions(await PostgresCluster.CreateDatabaseAsync());
        await using var b = new PostgresJobLock(options, "b", TimeProvider.System);
        await using (var a = new PostgresJobLock(options, "a", TimeProvider.System))
        {
            Assert.True(await a.TryHoldAsync("split-expiry", Ct));
            Assert.False(await b.TryHoldAsync("split-expiry", Ct));
        }

        // The server ends the closed session a moment after the client leaves: the lock is free within that moment.
        DateTime until = DateTime.UtcNow.AddSeconds(5);
        while (!await b.TryHoldAsync("split-expiry", Ct) && DateTime.UtcNow < until)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(await b.TryHoldAsync("split-expiry", Ct));
    }
}
