using Qingshui.Domain.Access;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Access;

public sealed class OrganisationTests
{
    private static readonly Jurisdiction[] Basin = [new("jiangxi", new("江西省", "Jiangxi")), new("hunan", new("湖南省", "Hunan"))];

    [Fact]
    public void Create_JurisdictionOfTheBasin_IsAccepted()
    {
        (Organisation? organisation, IReadOnlyList<AccessError> errors) = Organisation.Create("hunan", "湖南省", "Hunan", OrganisationKind.Jurisdiction, "hunan", Basin);

        Assert.Empty(errors);
        Assert.Equal(new Organisation("hunan", new("湖南省", "Hunan"), OrganisationKind.Jurisdiction, "hunan"), organisation);
    }

    [Fact]
    public void Create_JurisdictionNotInTheBasin_IsRefused_NamingTheKnownOnes()
    {
        (Organisation? organisation, IReadOnlyList<AccessError> errors) = Organisation.Create("hubei", "湖北省", "Hubei", OrganisationKind.Jurisdiction, "hubei", Basin);

        Assert.Null(organisation);
        AccessError error = Assert.Single(errors);
        Assert.Equal("jurisdiction", error.Field);
        Assert.Contains("jiangxi, hunan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_JointOfficeNamingAJurisdiction_IsRefused()
    {
        (_, IReadOnlyList<AccessError> errors) = Organisation.Create("joint", "联合办公室", "Joint office", OrganisationKind.JointOffice, "hunan", Basin);

        Assert.Equal("jurisdiction", Assert.Single(errors).Field);
    }

    [Fact]
    public void Create_EveryBadField_IsReported()
    {
        (_, IReadOnlyList<AccessError> errors) = Organisation.Create("X", "", "a\tb", OrganisationKind.Observer, null, Basin);

        Assert.Equal(["id", "name-zh", "name-en"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("jurisdiction", OrganisationKind.Jurisdiction)]
    [InlineData("joint-office", OrganisationKind.JointOffice)]
    [InlineData("observer", OrganisationKind.Observer)]
    public void KindNames_RoundTrip(string text, OrganisationKind kind)
    {
        Assert.True(OrganisationKindNames.TryParse(text, out OrganisationKind parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(text, OrganisationKindNames.Text(kind));
    }

    [Fact]
    public void KindNames_Unknown_IsRefused() => Assert.False(OrganisationKindNames.TryParse("Observer", out _));
}
