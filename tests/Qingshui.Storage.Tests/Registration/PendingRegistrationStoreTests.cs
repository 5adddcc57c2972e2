using Qingshui.Storage.Registration;

namespace Qingshui.Storage.Tests.Registration;

public abstract class PendingRegistrationStoreTests(StoreBackend backend) : BackendStoreTests<IPendingRegistrationStore>(backend)
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);

    private static PendingRegistration Logger(string id, DateTimeOffset seen, string node = "a", string? cpu = "CPU-1") =>
        new(0, id, cpu, "00:11:22:33:44:55", null, "", "21", "10.0.0.9:5000", node, seen, seen);

    [Fact]
    public async Task Announce_AgainFromAnotherNode_RefreshesItsFields_KeepingFirstSeenPlaceAndAssignment()
    {
        PendingAnnouncement first = await Store.AnnouncePendingAsync(Logger("DL-1", Seen), 10, Ct);
        await Store.AssignPendingAsync("DL-1", "430281A00000000000000301", Ct);
        PendingAnnouncement again = await Store.AnnouncePendingAsync(Logger("DL-1", Seen.AddMinutes(5), node: "b") with { Remote = "10.0.0.7:6000" }, 10, Ct);

        PendingRegistration? stored = await Store.PendingRegistrationAsync("DL-1", Ct);

        Assert.Equal((PendingAnnouncement.Added, PendingAnnouncement.Refreshed), (first, again));
        Assert.NotNull(stored);
        Assert.Equal(("b", "CPU-1", Seen, Seen.AddMinutes(5), "430281A00000000000000301"),
            (stored.Node, stored.CpuId, stored.FirstSeen, stored.LastSeen, stored.AssignedMn));
        Assert.Equal(("00:11:22:33:44:55", (string?)null, "", "21", "10.0.0.7:6000"), (stored.Mac1, stored.Mac2, stored.AnnouncedMn, stored.SystemCode, stored.Remote));
    }

    [Fact]
    public async Task Announce_BeforeAssignment_OtherHardware_ReplacesTheRecordedIdentity()
    {
        await Store.AnnouncePendingAsync(Logger("DL-1", Seen), 10, Ct);

        PendingAnnouncement again = await Store.AnnouncePendingAsync(Logger("DL-1", Seen.AddMinutes(5), cpu: null), 10, Ct);

        Assert.Equal((PendingAnnouncement.Refreshed, (string?)null), (again, (await Store.PendingRegistrationAsync("DL-1", Ct))?.CpuId));
    }

    [Theory]
    [InlineData("CPU-2", "00:11:22:33:44:55", null)]
    [InlineData(null, "00:11:22:33:44:55", null)]
    [InlineData("CPU-1", "00:11:22:33:44:56", null)]
    [InlineData("CPU-1", "00:11:22:33:44:55", "00:11:22:33:44:57")]
    public async Task Announce_AfterAssignment_OtherHardware_IsConflicting_AndWritesNothing(string? cpu, string mac1, string? mac2)
    {
        await Store.AnnouncePendingAsync(Logger("DL-1", Seen), 10, Ct);
        await Store.AssignPendingAsync("DL-1", "430281A00000000000000301", Ct);
        PendingRegistration? before = await Store.PendingRegistrationAsync("DL-1", Ct);

        PendingAnnouncement again = await Store.AnnouncePendingAsync(
            Logger("DL-1", Seen.AddMinutes(5), node: "b", cpu: cpu) with { Mac1 = mac1, Mac2 = mac2, Remote = "10.0.0.66:7000" }, 10, Ct);

        Assert.Equal(PendingAnnouncement.Conflicting, again);
        Assert.Equal(before, await Store.PendingRegistrationAsync("DL-1", Ct));
    }

    [Fact]
    public async Task Announce_ListFull_RefusesANewLogger_ButRefreshesAKnownOne()
    {
        await Store.AnnouncePendingAsync(Logger("DL-1", Seen), 2, Ct);
        await Store.AnnouncePendingAsync(Logger("DL-2", Seen), 2, Ct);

        PendingAnnouncement third = await Store.AnnouncePendingAsync(Logger("DL-3", Seen), 2, Ct);
        PendingAnnouncement known = await Store.AnnouncePendingAsync(Logger("DL-2", Seen.AddMinutes(1)), 2, Ct);

        Assert.Equal((PendingAnnouncement.Full, PendingAnnouncement.Refreshed), (third, known));
        Assert.Null(await Store.PendingRegistrationAsync("DL-3", Ct));
    }

    [Fact]
    public async Task Announce_ManyAtOnce_NeverPassesTheBound()
    {
        PendingAnnouncement[] outcomes = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => Store.AnnouncePendingAsync(Logger($"DL-{i}", Seen), 5, Ct))));

        Assert.Equal(5, outcomes.Count(o => o == PendingAnnouncement.Added));
        Assert.Equal(15, outcomes.Count(o => o == PendingAnnouncement.Full));
        Assert.Equal(5, (await Store.PendingRegistrationsAsync(0, 100, Ct)).Count);
    }

    [Fact]
    public async Task List_PagesInTheOrderOfFirstAnnouncement()
    {
        foreach (string id in new[] { "DL-C", "DL-A", "DL-B" })
        {
            await Store.AnnouncePendingAsync(Logger(id, Seen), 10, Ct);
        }

        IReadOnlyList<PendingRegistration> first = await Store.PendingRegistrationsAsync(0, 2, Ct);
        IReadOnlyList<PendingRegistration> rest = await Store.PendingRegistrationsAsync(first[^1].Id, 2, Ct);

        Assert.Equal(["DL-C", "DL-A"], first.Select(p => p.LoggerId));
        Assert.Equal(["DL-B"], rest.Select(p => p.LoggerId));
    }

    [Fact]
    public async Task Remove_TakesTheLoggerOff_AndSaysWhetherItWasThere()
    {
        await Store.AnnouncePendingAsync(Logger("DL-1", Seen), 10, Ct);

        bool removed = await Store.RemovePendingAsync("DL-1", Ct);
        bool again = await Store.RemovePendingAsync("DL-1", Ct);
        bool assigned = await Store.AssignPendingAsync("DL-1", "430281A00000000000000301", Ct);

        Assert.Equal((true, false, false), (removed, again, assigned));
        Assert.Null(await Store.PendingRegistrationAsync("DL-1", Ct));
    }
}

public sealed class SqlitePendingRegistrationStoreTests() : PendingRegistrationStoreTests(StoreBackend.Sqlite);

public sealed class PostgresPendingRegistrationStoreTests() : PendingRegistrationStoreTests(StoreBackend.Postgres);
