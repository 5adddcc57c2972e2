using Npgsql;

namespace Qingshui.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <summary>
    /// Runs a transaction of its own again, up to <paramref name="attempts"/> times in all, when PostgreSQL rolled it
    /// back whole because a concurrent writer on another node met it on the same rows in another order (a deadlock or a
    /// serialization failure): running it again is then safe.
    /// </summary>
    private static async Task<T> RetryRolledBackAsync<T>(int attempts, Func<Task<T>> once)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await once();
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
                                              && attempt < attempts)
            {
            }
        }
    }
}
