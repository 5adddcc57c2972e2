using Qingshui.Server.Accounts;

namespace Qingshui.Server.Tests.Accounts;

public sealed class TokenSecretsTests
{
    [Fact]
    public void Issued_ParsesToItsIdAndSecret_AndTheSecretMatchesItsHash()
    {
        (string id, string secret, string text) = TokenSecrets.Issue();

        Assert.Equal((id, secret), TokenSecrets.Parse(text));
        Assert.True(TokenSecrets.Matches(secret, TokenSecrets.Hash(secret)));
        Assert.False(TokenSecrets.Matches(secret.AsSpan(0, secret.Length - 1), TokenSecrets.Hash(secret)));
    }

    [Theory]
    [InlineData("qs_t1_s", "t1", "s")]
    [InlineData("qs_t1_s_with_underscores", "t1", "s_with_underscores")]
    public void Parse_SplitsAtTheFirstUnderscoreAfterThePrefix(string text, string id, string secret) =>
        Assert.Equal((id, secret), TokenSecrets.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("qs_")]
    [InlineData("qs__secret")]
    [InlineData("qs_t1_")]
    [InlineData("qs_t1")]
    [InlineData("QS_t1_s")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.x")]
    public void Parse_NotAToken_IsNull(string text) => Assert.Null(TokenSecrets.Parse(text));

    [Fact]
    public void Parse_TextLongerThan200_IsNull() => Assert.Null(TokenSecrets.Parse("qs_t1_" + new string('a', 195)));

    [Fact]
    public void Same_ComparesTheWholeText()
    {
        string secret = TokenSecrets.Issue().Secret;

        Assert.True(TokenSecrets.Same(secret, new string(secret.AsSpan())));
        Assert.False(TokenSecrets.Same(secret.AsSpan(0, secret.Length - 1), secret));
        Assert.False(TokenSecrets.Same(secret + "x", secret));
        Assert.False(TokenSecrets.Same(secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'), secret));
    }
}
