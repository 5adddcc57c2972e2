using Qingshui.Domain.Access;

namespace Qingshui.Domain.Tests.Access;

public sealed class UserAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly LockoutPolicy ThreeFor10Minutes = new(3, TimeSpan.FromMinutes(10));

    private static UserAccount Account() => UserAccount.Create("hn-finance", "李明", "hunan", [Role.Finance, Role.Viewer]).Account!;

    [Fact]
    public void Create_Valid_IsEnabledWithoutFailures()
    {
        UserAccount account = Account();

        Assert.False(account.Disabled);
        Assert.Equal(0, account.FailedSignIns);
        Assert.True(account.MaySignInAt(Now));
        Assert.Equal(new HashSet<Role> { Role.Finance, Role.Viewer }, account.Roles);
    }

    [Fact]
    public void Create_NoRole_AndBadName_AreBothReported()
    {
        (UserAccount? account, IReadOnlyList<AccessError> errors) = UserAccount.Create("Li Ming", null, "hunan", []);

        Assert.Null(account);
        Assert.Equal(["name", "role"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Create_WithoutDisplayName_UsesTheName() => Assert.Equal("hn-finance", UserAccount.Create("hn-finance", null, "hunan", [Role.Viewer]).Account!.DisplayName);

    [Fact]
    public void AfterFailedSignIn_ReachingTheCount_LocksForTheDuration()
    {
        UserAccount account = Account().AfterFailedSignIn(Now, ThreeFor10Minutes).AfterFailedSignIn(Now, ThreeFor10Minutes);
        Assert.Equal(2, account.FailedSignIns);
        Assert.True(account.MaySignInAt(Now));

        account = account.AfterFailedSignIn(Now, ThreeFor10Minutes);

        Assert.Equal(Now.AddMinutes(10), account.LockedUntil);
        Assert.False(account.MaySignInAt(Now.AddMinutes(10).AddTicks(-1)));
        Assert.True(account.MaySignInAt(Now.AddMinutes(10)));
    }

    [Fact]
    public void AfterSuccessfulSignIn_ForgetsFailures()
    {
        UserAccount account = Account().AfterFailedSignIn(Now, ThreeFor10Minutes).AfterSuccessfulSignIn();

        Assert.Equal(0, account.FailedSignIns);
        Assert.Null(account.LockedUntil);
    }

    [Fact]
    public void Disabled_MayNeverSignIn() => Assert.False((Account() with { Disabled = true }).MaySignInAt(Now));

    [Fact]
    public void RoleNames_AreTheClosedSet_AndParseExactly()
    {
        Assert.Equal(["viewer", "operator", "reviewer", "finance", "coordinator", "admin"], RoleNames.All);
        Assert.True(RoleNames.TryParse("finance", out Role role));
        Assert.Equal(Role.Finance, role);
        Assert.False(RoleNames.TryParse("Finance", out _));
        Assert.False(RoleNames.TryParse("root", out _));
    }
}
