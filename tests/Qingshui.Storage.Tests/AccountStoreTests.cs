using Microsoft.Data.Sqlite;
using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public sealed class AccountStoreTests : IAsyncLifetime
{
    private static readonly Organisation Hunan = new("hunan", new LocalizedText("湖南省", "Hunan"), OrganisationKind.Jurisdiction, "hunan");
    private static readonly Organisation Joint = new("joint-office", new LocalizedText("联合办公室", "Joint office"), OrganisationKind.JointOffice, null);
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-accounts-").FullName;
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(_directory, "q.db")), TimeProvider.System, Ct);
        Assert.Equal(AccountWrite.Added, await _store.AddOrganisationAsync(Hunan, Ct));
        Assert.Equal(AccountWrite.Added, await _store.AddOrganisationAsync(Joint, Ct));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static UserAccount Finance(string name = "hn-finance") => UserAccount.Create(name, "李明", "hunan", [Role.Finance, Role.Viewer]).Account!;

    [Fact]
    public async Task Organisations_AreReadBackAsWritten_AndAnIdIsAddedOnce()
    {
        Assert.Equal(AccountWrite.Taken, await _store.AddOrganisationAsync(Hunan with { Name = new("别名", "Other") }, Ct));

        Assert.Equal([Hunan, Joint], await _store.OrganisationsAsync(Ct));
    }

    [Fact]
    public async Task AddUser_ThenFind_GivesTheAccountAndItsHash()
    {
        Assert.Equal(AccountWrite.Added, await _store.AddUserAsync(Finance(), "hash-1", Ct));

        StoredUser? found = await _store.FindUserAsync("hn-finance", Ct);

        Assert.NotNull(found);
        Assert.Equal("hash-1", found.PasswordHash);
        Assert.Equal(("hn-finance", "李明", "hunan", false, 0, (DateTimeOffset?)null),
            (found.Account.Name, found.Account.DisplayName, found.Account.Organisation, found.Account.Disabled, found.Account.FailedSignIns, found.Account.LockedUntil));
        Assert.Equal(new HashSet<Role> { Role.Finance, Role.Viewer }, found.Account.Roles);
        Assert.Null(await _store.FindUserAsync("nobody", Ct));
    }

    [Fact]
    public async Task AddUser_NameTaken_OrOrganisationUnknown_IsRefused_AndNothingChanges()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);

        Assert.Equal(AccountWrite.Taken, await _store.AddUserAsync(Finance() with { DisplayName = "另一个" }, "hash-2", Ct));
        Assert.Equal(AccountWrite.UnknownOrganisation, await _store.AddUserAsync(Finance("jx-finance") with { Organisation = "jiangxi" }, "hash-3", Ct));

        UserAccount only = Assert.Single(await _store.UsersAsync(Ct));
        Assert.Equal("李明", only.DisplayName);
        Assert.Equal("hash-1", (await _store.FindUserAsync("hn-finance", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task UpdateUser_KeepsNameAndOrganisation_WritesTheRest()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);
        var until = new DateTimeOffset(2026, 3, 1, 1, 15, 0, TimeSpan.Zero);

        UserAccount? written = await _store.UpdateUserAsync("hn-finance",
            a => a with { Name = "renamed", Organisation = "joint-office", Disabled = true, FailedSignIns = 3, LockedUntil = until, Roles = new HashSet<Role> { Role.Admin } }, Ct);

        UserAccount read = (await _store.FindUserAsync("hn-finance", Ct))!.Account;
        Assert.Equal(("hn-finance", "hunan", true, 3, (DateTimeOffset?)until), (read.Name, read.Organisation, read.Disabled, read.FailedSignIns, read.LockedUntil));
        Assert.Equal([Role.Admin], read.Roles);
        Assert.Equal("hn-finance", written!.Name);
        Assert.Null(await _store.UpdateUserAsync("nobody", a => a, Ct));
    }

    [Fact]
    public async Task UpdateUser_ConcurrentFailures_AreAllCounted()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _store.UpdateUserAsync("hn-finance", a => a with { FailedSignIns = a.FailedSignIns + 1 }, Ct)));

        Assert.Equal(20, (await _store.FindUserAsync("hn-finance", Ct))!.Account.FailedSignIns);
    }

    [Fact]
    public async Task SetPasswordHash_ReplacesIt_ForThatUserOnly()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);
        await _store.AddUserAsync(Finance("hn-viewer"), "hash-2", Ct);

        Assert.True(await _store.SetPasswordHashAsync("hn-finance", "hash-new", Ct));
        Assert.False(await _store.SetPasswordHashAsync("nobody", "hash-x", Ct));

        Assert.Equal("hash-new", (await _store.FindUserAsync("hn-finance", Ct))!.PasswordHash);
        Assert.Equal("hash-2", (await _store.FindUserAsync("hn-viewer", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task ChangeUser_SeesItsOrganisationsOtherUsersOnly_AndWritesTheChange()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);
        await _store.AddUserAsync(Finance("hn-viewer"), "hash-2", Ct);
        await _store.AddUserAsync(UserAccount.Create("office-admin", null, "joint-office", [Role.Admin]).Account!, "hash-3", Ct);
        string[] seen = [];

        UserChange? change = await _store.ChangeUserAsync("hn-finance", (user, colleagues) =>
        {
            seen = [.. colleagues.Select(c => c.Name)];
            return (user with { Disabled = true, Organisation = "joint-office" }, null);
        }, Ct);

        Assert.Equal(["hn-viewer"], seen);
        Assert.NotNull(change);
        Assert.Equal((false, true, "hunan"), (change.Before.Disabled, change.After!.Disabled, change.After.Organisation));
        Assert.True((await _store.FindUserAsync("hn-finance", Ct))!.Account.Disabled);
    }

    [Fact]
    public async Task ChangeUser_Refused_WritesNothing_AndSaysWhy_UnknownUser_IsNull()
    {
        await _store.AddUserAsync(Finance(), "hash-1", Ct);

        UserChange? change = await _store.ChangeUserAsync("hn-finance", (user, _) => (null, "not today"), Ct);

        Assert.Equal((null, "not today"), (change?.After, change?.Refusal));
        Assert.False((await _store.FindUserAsync("hn-finance", Ct))!.Account.Disabled);
        Assert.Null(await _store.ChangeUserAsync("nobody", (user, _) => (user, null), Ct));
    }

    [Fact]
    public async Task ChangeUser_TwoLastAdminsSteppingDownAtOnce_OneIsRefused()
    {
        foreach (string name in new[] { "hn-admin-1", "hn-admin-2" })
        {
            await _store.AddUserAsync(UserAccount.Create(name, null, "hunan", [Role.Admin]).Account!, "hash", Ct);
        }

        UserChange?[] changes = await Task.WhenAll(new[] { "hn-admin-1", "hn-admin-2" }.Select(name => Task.Run(() => _store.ChangeUserAsync(name, (user, colleagues) =>
        {
            UserAccount after = user with { Disabled = true };
            return Administration.LastAdminRefusal(name, user, after, colleagues) is string refusal ? (null, refusal) : (after, null);
        }, Ct), Ct)));

        Assert.Single(changes, c => c!.After is not null);
        Assert.Single(changes, c => c!.Refusal is not null);
        Assert.Single(await _store.UsersAsync(Ct), u => Administration.IsActiveAdmin(u));
    }
}
