using Qingshui.Domain.Access;

namespace Qingshui.Domain.Tests.Access;

public sealed class AccessNamesTests
{
    [Theory]
    [InlineData("hn")]
    [InlineData("hunan-finance")]
    [InlineData("li.ming_2")]
    [InlineData("0a")]
    public void CheckId_Accepted_IsNull(string id) => Assert.Null(AccessNames.CheckId("name", id));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "is required")]
    [InlineData("a", "2–64")]
    [InlineData("Hunan", "lower-case")]
    [InlineData("-hunan", "start")]
    [InlineData("hu nan", "' '")]
    [InlineData("hunаn", "'а'")] // Cyrillic а: looks like a, is not
    [InlineData("湖南", "start")]
    public void CheckId_Refused_SaysWhy(string? id, string expected)
    {
        AccessError? error = AccessNames.CheckId("name", id);

        Assert.NotNull(error);
        Assert.Equal("name", error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckId_At64Characters_IsAccepted_At65_Refused()
    {
        Assert.Null(AccessNames.CheckId("name", new string('a', 64)));
        Assert.NotNull(AccessNames.CheckId("name", new string('a', 65)));
    }

    [Theory]
    [InlineData("湖南省财政厅 李明")]
    [InlineData("Li Ming")]
    public void CheckDisplayName_AnyScript_IsAccepted(string name) => Assert.Null(AccessNames.CheckDisplayName("display-name", name));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" 李明")]
    [InlineData("李\n明")]
    [InlineData("李\u202E明")] // right-to-left override: would make a name read as another
    public void CheckDisplayName_Refused(string name) => Assert.NotNull(AccessNames.CheckDisplayName("display-name", name));

    [Fact]
    public void PasswordRules_TooShort_Refused_LongEnough_Accepted()
    {
        Assert.NotNull(PasswordRules.Check(new string('x', PasswordRules.MinLength - 1)));
        Assert.Null(PasswordRules.Check(new string('x', PasswordRules.MinLength)));
        Assert.NotNull(PasswordRules.Check(new string('x', PasswordRules.MaxLength + 1)));
    }
}
