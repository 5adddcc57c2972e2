namespace Qingshui.Storage.Sqlite;

/// <summary>Where the embedded database lives and how hard it syncs.</summary>
/// <param name="Path">The database file (created if missing).</param>
/// <param name="FullSync">
/// <c>true</c> (default): every commit is fsynced (<c>synchronous=FULL</c>), so acknowledged data survives power loss;
/// <c>false</c>: <c>synchronous=NORMAL</c>, which survives a killed process but not a power cut.
/// </param>
public sealed record SqliteStoreOptions(string Path, bool FullSync = true);
