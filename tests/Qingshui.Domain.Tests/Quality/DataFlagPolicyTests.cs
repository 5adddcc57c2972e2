using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Tests.Quality;

public sealed class DataFlagPolicyTests
{
    [Theory]
    [InlineData("N", true)]
    [InlineData("F", false)]
    [InlineData("M", false)]
    [InlineData("S", false)]
    [InlineData("D", false)]
    [InlineData("C", false)]
    [InlineData("T", false)]
    [InlineData("B", false)]
    [InlineData("H", false)]
    [InlineData(null, true)]
    public void Default_OnlyNormalIsValid(string? flag, bool valid)
    {
        Assert.Equal(valid, DataFlagPolicy.Default.IsValid(flag));
    }

    [Fact]
    public void Configured_FlagsAndMissingFlag_FollowTheConfiguration()
    {
        var policy = new DataFlagPolicy(["N", "S"], missingFlagIsValid: false);

        Assert.True(policy.IsValid("S"));
        Assert.False(policy.IsValid(null));
        Assert.False(policy.IsValid("n"));
    }
}
