using Microsoft.AspNetCore.Identity;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;

namespace Qingshui.Server.Tests.Accounts;

public sealed class PasswordsTests
{
    private static readonly UserAccount Account = UserAccount.Create("hn-finance", null, "hunan", [Role.Finance]).Account!;

    [Fact]
    public void Hash_ThenVerify_RoundTrips_AndTheHashIsNotThePassword()
    {
        var passwords = new Passwords();

        string hash = passwords.Hash(Account, "correct horse battery");

        Assert.DoesNotContain("correct horse battery", hash, StringComparison.Ordinal);
        Assert.NotEqual(hash, passwords.Hash(Account, "correct horse battery")); // salted
        Assert.Equal((true, false), passwords.Verify(Account, hash, "correct horse battery"));
        Assert.Equal((false, false), passwords.Verify(Account, hash, "correct horse batterx"));
    }

    [Fact]
    public void Verify_OlderHashFormat_AsksForARehash()
    {
        var v2 = new PasswordHasher<UserAccount>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        string old = v2.HashPassword(Account, "correct horse battery");

        Assert.Equal((true, true), new Passwords().Verify(Account, old, "correct horse battery"));
    }

    [Fact]
    public void Hash_ByDefault_UsesIdentitysIterationCount_AndAWeakerHashAsksForARehash()
    {
        // Identity's V3 format: a version byte, then the PRF, the iteration count and the salt length, each big-endian.
        byte[] hash = Convert.FromBase64String(new Passwords().Hash(Account, "correct horse battery"));
        var fewer = new Passwords(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 1_000 }));

        Assert.Equal(0x01, hash[0]);
        Assert.Equal(new PasswordHasherOptions().IterationCount, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4)));
        Assert.True(new PasswordHasherOptions().IterationCount >= 100_000);
        Assert.Equal((true, true), new Passwords().Verify(Account, fewer.Hash(Account, "correct horse battery"), "correct horse battery"));
    }

    [Fact]
    public void Generate_GivesLongDistinctPasswordsThatPassTheRules()
    {
        string a = Passwords.Generate(), b = Passwords.Generate();

        Assert.NotEqual(a, b);
        Assert.Null(PasswordRules.Check(a));
    }
}
