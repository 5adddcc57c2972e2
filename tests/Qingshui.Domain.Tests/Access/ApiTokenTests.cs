using Qingshui.Domain.Access;

namespace Qingshui.Domain.Tests.Access;

public sealed class ApiTokenTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static ApiToken Token(TimeSpan lifetime) => ApiToken.Create("t0123456789ab", "hunan", [Role.Viewer], "bridge", Issued, lifetime).Token!;

    [Fact]
    public void StandingAt_BeforeExpiry_IsValid_FromExpiryOn_IsExpired()
    {
        ApiToken token = Token(TimeSpan.FromDays(1));

        Assert.Equal(TokenStanding.Valid, token.StandingAt(Issued.AddDays(1).AddTicks(-1)));
        Assert.Equal(TokenStanding.Expired, token.StandingAt(Issued.AddDays(1)));
    }

    [Fact]
    public void StandingAt_Revoked_IsRevoked_EvenWhenAlsoExpired()
    {
        ApiToken token = Token(TimeSpan.FromDays(1)) with { Revoked = Issued.AddHours(1) };

        Assert.Equal(TokenStanding.Revoked, token.StandingAt(Issued.AddHours(2)));
        Assert.Equal(TokenStanding.Revoked, token.StandingAt(Issued.AddDays(2)));
    }

    [Fact]
    public void Create_NoRoleBadOrganisationOrLifetime_NamesEachField()
    {
        (ApiToken? token, IReadOnlyList<AccessError> errors) = ApiToken.Create("t0123456789ab", "Hunan!", [], "", Issued, TimeSpan.Zero);

        Assert.Null(token);
        Assert.Equal(["organisation", "name", "role", "expires-days"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Create_LongestLifetime_IsAccepted_LongerIsNot()
    {
        Assert.NotNull(Token(ApiToken.MaxLifetime));
        Assert.Null(ApiToken.Create("t0123456789ab", "hunan", [Role.Viewer], "bridge", Issued, ApiToken.MaxLifetime + TimeSpan.FromDays(1)).Token);
    }
}
