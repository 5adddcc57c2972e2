using Qingshui.Domain.Access;
using Qingshui.Domain.Network;

namespace Qingshui.Storage.Tests.Postgres;

public sealed class TwoNodeAccountTests : TwoNodeTests
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(AccountWrite.Added, await A.AddOrganisationAsync(AccountStoreTests.Hunan, Ct));
    }

    [Fact]
    public async Task UpdateUser_FailedSignInsCountedOnTwoNodesAtOnce_NoIncrementIsLost()
    {
        await A.AddUserAsync(AccountStoreTests.Finance(), "hash", Ct);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? A : B).UpdateUserAsync("hn-finance", a => a with { FailedSignIns = a.FailedSignIns + 1 }, Ct), Ct)));

        Assert.Equal(40, (await B.FindUserAsync("hn-finance", Ct))!.Account.FailedSignIns);
    }

    [Fact]
    public async Task ChangeUser_TwoLastAdminsSteppingDownOnTwoNodes_OneIsRefusedEachTime()
    {
        for (int round = 0; round < Rounds; round++)
        {
            var organisation = new Organisation($"office-{round}", new LocalizedText("办公室", "Office"), OrganisationKind.Observer, null);
            await A.AddOrganisationAsync(organisation, Ct);
            string[] names = [$"admin-{round}-a", $"admin-{round}-b"];
            foreach (string name in names)
            {
                await A.AddUserAsync(UserAccount.Create(name, null, organisation.Id, [Role.Admin]).Account!, "hash", Ct);
            }

            (UserChange? a, UserChange? b) = await AtOnceAsync(() => StepDownAsync(A, names[0]), () => StepDownAsync(B, names[1]));

            Assert.Single(new[] { a, b }, c => c!.After is not null);
            Assert.Single(new[] { a, b }, c => c!.Refusal is not null);
            Assert.Single(await A.UsersAsync(Ct), u => u.Organisation == organisation.Id && Administration.IsActiveAdmin(u));
        }

        static Task<UserChange?> StepDownAsync(IAccountStore node, string name) => node.ChangeUserAsync(name, (user, colleagues) =>
        {
            UserAccount after = user with { Disabled = true };
            return Administration.LastAdminRefusal(name, user, after, colleagues) is string refusal ? (null, refusal) : (after, null);
        }, Ct);
    }

    [Fact]
    public async Task ChangeUser_OneLastAdminLosingTheRoleWhileTheOtherStepsDown_OneIsRefusedEachTime()
    {
        // The role lives in user_roles, not in the row that is locked: the decision must still see the other node's change.
        for (int round = 0; round < Rounds; round++)
        {
            var organisation = new Organisation($"office-{round}", new LocalizedText("办公室", "Office"), OrganisationKind.Observer, null);
            await A.AddOrganisationAsync(organisation, Ct);
            string[] names = [$"admin-{round}-a", $"admin-{round}-b"];
            foreach (string name in names)
            {
                await A.AddUserAsync(UserAccount.Create(name, null, organisation.Id, [Role.Admin, Role.Viewer]).Account!, "hash", Ct);
            }

            (UserChange? a, UserChange? b) = await AtOnceAsync(
                () => ChangeAsync(A, names[0], u => u with { Roles = new HashSet<Role> { Role.Viewer } }),
                () => ChangeAsync(B, names[1], u => u with { Disabled = true }));

            Assert.Single(new[] { a, b }, c => c!.After is not null);
            Assert.Single(await A.UsersAsync(Ct), u => u.Organisation == organisation.Id && Administration.IsActiveAdmin(u));
        }

        static Task<UserChange?> ChangeAsync(IAccountStore node, string name, Func<UserAccount, UserAccount> change) => node.ChangeUserAsync(name, (user, colleagues) =>
        {
            UserAccount after = change(user);
            return Administration.LastAdminRefusal(name, user, after, colleagues) is string refusal ? (null, refusal) : (after, null);
        }, Ct);
    }

    [Fact]
    public async Task AddUser_SameNameOnTwoNodesAtOnce_OneIsAdded_TheOtherToldTaken()
    {
        for (int round = 0; round < Rounds; round++)
        {
            UserAccount account = AccountStoreTests.Finance($"finance-{round}");

            (AccountWrite a, AccountWrite b) = await AtOnceAsync(
                () => A.AddUserAsync(account, "hash-a", Ct), () => B.AddUserAsync(account with { DisplayName = "B" }, "hash-b", Ct));

            Assert.Equal([AccountWrite.Added, AccountWrite.Taken], new[] { a, b }.Order());
            StoredUser stored = (await A.FindUserAsync(account.Name, Ct))!;
            Assert.Equal(a == AccountWrite.Added ? "hash-a" : "hash-b", stored.PasswordHash);
            Assert.Equal(account.Roles, stored.Account.Roles);
        }
    }

    [Fact]
    public async Task AddOrganisationAndToken_SameIdOnTwoNodesAtOnce_OneIsAdded_TheOtherToldTaken()
    {
        for (int round = 0; round < Rounds; round++)
        {
            var organisation = new Organisation($"office-{round}", new LocalizedText("办公室", "Office"), OrganisationKind.Observer, null);
            ApiToken token = TokenStoreTests.Token($"token-{round}");

            (AccountWrite a, AccountWrite b) = await AtOnceAsync(() => A.AddOrganisationAsync(organisation, Ct), () => B.AddOrganisationAsync(organisation, Ct));
            (AccountWrite c, AccountWrite d) = await AtOnceAsync(
                () => A.AddTokenAsync(token, TokenStoreTests.Hash(1), Ct), () => B.AddTokenAsync(token, TokenStoreTests.Hash(2), Ct));

            Assert.Equal([AccountWrite.Added, AccountWrite.Taken], new[] { a, b }.Order());
            Assert.Equal([AccountWrite.Added, AccountWrite.Taken], new[] { c, d }.Order());
            Assert.Equal(TokenStoreTests.Hash(c == AccountWrite.Added ? (byte)1 : (byte)2), (await B.FindTokenAsync(token.Id, Ct))!.SecretHash);
        }
    }

    [Fact]
    public async Task Disable_OnTwoNodesAtOnce_MovesTheSessionGenerationOnOnce_AndEnablingKeepsIt()
    {
        await A.AddUserAsync(AccountStoreTests.Finance(), "hash", Ct);

        for (int round = 1; round <= Rounds; round++)
        {
            await AtOnceAsync(
                () => A.UpdateUserAsync("hn-finance", a => a with { Disabled = true }, Ct), () => B.UpdateUserAsync("hn-finance", a => a with { Disabled = true }, Ct));
            await B.UpdateUserAsync("hn-finance", a => a with { Disabled = false }, Ct);

            StoredUser stored = (await A.FindUserAsync("hn-finance", Ct))!;
            Assert.Equal((round, false), (stored.SessionGeneration, stored.Account.Disabled));
        }
    }
}
