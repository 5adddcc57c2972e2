using Qingshui.Domain.Access;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Access;

public sealed class AdministrationTests
{
    private static readonly Organisation Hunan = new("hunan", new LocalizedText("湖南省", "Hunan"), OrganisationKind.Jurisdiction, "hunan");
    private static readonly Organisation Office = new("joint-office", new LocalizedText("联合办公室", "Joint office"), OrganisationKind.JointOffice, null);
    private static readonly Organisation Observer = new("ministry", new LocalizedText("部", "Ministry"), OrganisationKind.Observer, null);

    private static UserAccount User(string name, bool disabled = false, params Role[] roles) =>
        new(name, name, "hunan", roles.ToHashSet(), disabled, 0, null);

    [Fact]
    public void Manages_JurisdictionAdmin_OwnOrganisationOnly()
    {
        Assert.True(Administration.Manages(Hunan, "hunan"));
        Assert.False(Administration.Manages(Hunan, "jiangxi"));
        Assert.False(Administration.Manages(Hunan, "joint-office"));
    }

    [Fact]
    public void Manages_JointOfficeAdmin_EveryOrganisation()
    {
        Assert.True(Administration.Manages(Office, "hunan"));
        Assert.True(Administration.Manages(Office, "jiangxi"));
        Assert.True(Administration.Manages(Office, "joint-office"));
    }

    [Fact]
    public void Manages_ObserverAdmin_OwnOrganisationOnly()
    {
        Assert.True(Administration.Manages(Observer, "ministry"));
        Assert.False(Administration.Manages(Observer, "hunan"));
    }

    [Fact]
    public void ProxyRefusal_JointOfficeGivingAProvinceMoreThanViewer_IsRefusedNamingTheRoles()
    {
        string? refusal = Administration.ProxyRefusal(Office, "hunan", [Role.Viewer, Role.Finance, Role.Operator, Role.Finance]);

        Assert.NotNull(refusal);
        Assert.Contains("'hunan' the power of operator, finance", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void ProxyRefusal_ViewerOnlyOrNothingElsewhere_OrAnythingAtHome_IsAllowed()
    {
        Assert.Null(Administration.ProxyRefusal(Office, "hunan", [Role.Viewer]));
        Assert.Null(Administration.ProxyRefusal(Office, "hunan", []));
        Assert.Null(Administration.ProxyRefusal(Office, "joint-office", [Role.Admin, Role.Coordinator]));
        Assert.Null(Administration.ProxyRefusal(Hunan, "hunan", [Role.Finance, Role.Admin]));
    }

    [Fact]
    public void Granted_NewRolesAndEveryRoleOnEnabling_EvenWhileDisabled()
    {
        UserAccount finance = new("jx-finance", "JX finance", "jiangxi", new HashSet<Role> { Role.Finance }, Disabled: true, 0, null);

        Assert.Equal([Role.Admin], Administration.Granted(finance, finance with { Roles = new HashSet<Role> { Role.Finance, Role.Admin } }));
        Assert.Equal([Role.Finance], Administration.Granted(finance, finance with { Disabled = false }));
        Assert.Empty(Administration.Granted(finance with { Disabled = false }, finance));
    }

    [Fact]
    public void ScopeRefusal_OtherOrganisation_NamesBoth()
    {
        string? refusal = Administration.ScopeRefusal(Hunan, "jiangxi");

        Assert.NotNull(refusal);
        Assert.Contains("'hunan'", refusal, StringComparison.Ordinal);
        Assert.Contains("'jiangxi'", refusal, StringComparison.Ordinal);
        Assert.Null(Administration.ScopeRefusal(Hunan, "hunan"));
    }

    [Fact]
    public void LastAdminRefusal_LastAdminDisablesItself_IsRefused()
    {
        UserAccount admin = User("hn-admin", false, Role.Admin);

        string? refusal = Administration.LastAdminRefusal("hn-admin", admin, admin with { Disabled = true }, [User("hn-viewer", false, Role.Viewer)]);

        Assert.NotNull(refusal);
        Assert.Contains("last enabled admin of 'hunan'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void LastAdminRefusal_LastAdminDropsItsAdminRole_IsRefused()
    {
        UserAccount admin = User("hn-admin", false, Role.Admin, Role.Viewer);

        Assert.NotNull(Administration.LastAdminRefusal("hn-admin", admin, admin with { Roles = new HashSet<Role> { Role.Viewer } }, []));
    }

    [Fact]
    public void LastAdminRefusal_AnotherEnabledAdminLeft_IsAllowed()
    {
        UserAccount admin = User("hn-admin", false, Role.Admin);

        Assert.Null(Administration.LastAdminRefusal("hn-admin", admin, admin with { Disabled = true }, [User("hn-admin2", false, Role.Admin)]));
    }

    [Fact]
    public void LastAdminRefusal_OnlyOtherAdminIsDisabled_IsRefused()
    {
        UserAccount admin = User("hn-admin", false, Role.Admin);

        Assert.NotNull(Administration.LastAdminRefusal("hn-admin", admin, admin with { Disabled = true }, [User("hn-admin2", true, Role.Admin)]));
    }

    [Fact]
    public void LastAdminRefusal_ChangeOfAnotherAccountOrKeepingAdmin_IsAllowed()
    {
        UserAccount admin = User("hn-admin", false, Role.Admin);

        Assert.Null(Administration.LastAdminRefusal("office-admin", admin, admin with { Disabled = true }, []));
        Assert.Null(Administration.LastAdminRefusal("hn-admin", admin, admin with { Roles = new HashSet<Role> { Role.Admin, Role.Finance } }, []));
    }

    [Fact]
    public void CheckRoles_None_IsAnErrorOnRoles()
    {
        Assert.Equal("roles", Administration.CheckRoles([])?.Field);
        Assert.Null(Administration.CheckRoles([Role.Viewer]));
    }
}
