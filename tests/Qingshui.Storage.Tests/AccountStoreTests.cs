using Qingshui.Domain.Access;
using Qingshui.Domain.Network;

namespace Qingshui.Storage.Tests;

public abstract class AccountStoreTests(StoreBackend backend) : BackendStoreTests<IAccountStore>(backend)
{
    internal static readonly Organisation Hunan = new("hunan", new LocalizedText("湖南省", "Hunan"), OrganisationKind.Jurisdiction, "hunan");
    internal static readonly Organisation Joint = new("joint-office", new LocalizedText("联合办公室", "Joint office"), OrganisationKind.JointOffice, null);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(AccountWrite.Added, await Store.AddOrganisationAsync(Hunan, Ct));
        Assert.Equal(AccountWrite.Added, await Store.AddOrganisationAsync(Joint, Ct));
    }

    internal static UserAccount Finance(string name = "hn-finance") => UserAccount.Create(name, "李明", "hunan", [Role.Finance, Role.Viewer]).Account!;

    [Fact]
    public async Task Organisations_AreReadBackAsWritten_AndAnIdIsAddedOnce()
    {
        Assert.Equal(AccountWrite.Taken, await Store.AddOrganisationAsync(Hunan with { Name = new("别名", "Other") }, Ct));

        Assert.Equal([Hunan, Joint], await Store.OrganisationsAsync(Ct));
    }

    [Fact]
    public async Task AddUser_ThenFind_GivesTheAccountAndItsHash()
    {
        Assert.Equal(AccountWrite.Added, await Store.AddUserAsync(Finance(), "hash-1", Ct));

        StoredUser? found = await Store.FindUserAsync("hn-finance", Ct);

        Assert.NotNull(found);
        Assert.Equal("hash-1", found.PasswordHash);
        Assert.Equal(("hn-finance", "李明", "hunan", false, 0, (DateTimeOffset?)null),
            (found.Account.Name, found.Account.DisplayName, found.Account.Organisation, found.Account.Disabled, found.Account.FailedSignIns, found.Account.LockedUntil));
        Assert.Equal(new HashSet<Role> { Role.Finance, Role.Viewer }, found.Account.Roles);
        Assert.Null(await Store.FindUserAsync("nobody", Ct));
    }

    [Fact]
    public async Task AddUser_NameTaken_OrOrganisationUnknown_IsRefused_AndNothingChanges()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);

        Assert.Equal(AccountWrite.Taken, await Store.AddUserAsync(Finance() with { DisplayName = "另一个" }, "hash-2", Ct));
        Assert.Equal(AccountWrite.UnknownOrganisation, await Store.AddUserAsync(Finance("jx-finance") with { Organisation = "jiangxi" }, "hash-3", Ct));

        UserAccount only = Assert.Single(await Store.UsersAsync(Ct));
        Assert.Equal("李明", only.DisplayName);
        Assert.Equal("hash-1", (await Store.FindUserAsync("hn-finance", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task UpdateUser_KeepsNameAndOrganisation_WritesTheRest()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);
        var until = new DateTimeOffset(2026, 3, 1, 1, 15, 0, TimeSpan.Zero);

        UserAccount? written = await Store.UpdateUserAsync("hn-finance",
            a => a with { Name = "renamed", Organisation = "joint-office", Disabled = true, FailedSignIns = 3, LockedUntil = until, Roles = new HashSet<Role> { Role.Admin } }, Ct);

        UserAccount read = (await Store.FindUserAsync("hn-finance", Ct))!.Account;
        Assert.Equal(("hn-finance", "hunan", true, 3, (DateTimeOffset?)until), (read.Name, read.Organisation, read.Disabled, read.FailedSignIns, read.LockedUntil));
        Assert.Equal([Role.Admin], read.Roles);
        Assert.Equal("hn-finance", written!.Name);
        Assert.Null(await Store.UpdateUserAsync("nobody", a => a, Ct));
    }

    [Fact]
    public async Task UpdateUser_ConcurrentFailures_AreAllCounted()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Store.UpdateUserAsync("hn-finance", a => a with { FailedSignIns = a.FailedSignIns + 1 }, Ct)));

        Assert.Equal(20, (await Store.FindUserAsync("hn-finance", Ct))!.Account.FailedSignIns);
    }

    [Fact]
    public async Task SetPasswordHash_ReplacesIt_ForThatUserOnly()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);
        await Store.AddUserAsync(Finance("hn-viewer"), "hash-2", Ct);

        Assert.True(await Store.SetPasswordHashAsync("hn-finance", "hash-new", Ct));
        Assert.False(await Store.SetPasswordHashAsync("nobody", "hash-x", Ct));

        Assert.Equal("hash-new", (await Store.FindUserAsync("hn-finance", Ct))!.PasswordHash);
        Assert.Equal("hash-2", (await Store.FindUserAsync("hn-viewer", Ct))!.PasswordHash);
    }

    [Fact]
    public async Task ChangeUser_SeesItsOrganisationsOtherUsersOnly_AndWritesTheChange()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);
        await Store.AddUserAsync(Finance("hn-viewer"), "hash-2", Ct);
        await Store.AddUserAsync(UserAccount.Create("office-admin", null, "joint-office", [Role.Admin]).Account!, "hash-3", Ct);
        string[] seen = [];

        UserChange? change = await Store.ChangeUserAsync("hn-finance", (user, colleagues) =>
        {
            seen = [.. colleagues.Select(c => c.Name)];
            return (user with { Disabled = true, Organisation = "joint-office" }, null);
        }, Ct);

        Assert.Equal(["hn-viewer"], seen);
        Assert.NotNull(change);
        Assert.Equal((false, true, "hunan"), (change.Before.Disabled, change.After!.Disabled, change.After.Organisation));
        Assert.True((await Store.FindUserAsync("hn-finance", Ct))!.Account.Disabled);
    }

    [Fact]
    public async Task ChangeUser_Refused_WritesNothing_AndSaysWhy_UnknownUser_IsNull()
    {
        await Store.AddUserAsync(Finance(), "hash-1", Ct);

        UserChange? change = await Store.ChangeUserAsync("hn-finance", (user, _) => (null, "not today"), Ct);

        Assert.Equal((null, "not today"), (change?.After, change?.Refusal));
        Assert.False((await Store.FindUserAsync("hn-finance", Ct))!.Account.Disabled);
        Assert.Null(await Store.ChangeUserAsync("nobody", (user, _) => (user, null), Ct));
    }

    [Fact]
    public async Task ChangeUser_TwoLastAdminsSteppingDownAtOnce_OneIsRefused()
    {
        foreach (string name in new[] { "hn-admin-1", "hn-admin-2" })
        {
            await Store.AddUserAsync(UserAccount.Create(name, null, "hunan", [Role.Admin]).Account!, "hash", Ct);
        }

        UserChange?[] changes = await Task.WhenAll(new[] { "hn-admin-1", "hn-admin-2" }.Select(name => Task.Run(() => Store.ChangeUserAsync(name, (user, colleagues) =>
        {
            UserAccount after = user with { Disabled = true };
            return Administration.LastAdminRefusal(name, user, after, colleagues) is string refusal ? (null, refusal) : (after, null);
        }, Ct), Ct)));

        Assert.Single(changes, c => c!.After is not null);
        Assert.Single(changes, c => c!.Refusal is not null);
        Assert.Single(await Store.UsersAsync(Ct), u => Administration.IsActiveAdmin(u));
    }
}

public sealed class SqliteAccountStoreTests() : AccountStoreTests(StoreBackend.Sqlite);

public sealed class PostgresAccountStoreTests() : AccountStoreTests(StoreBackend.Postgres);
