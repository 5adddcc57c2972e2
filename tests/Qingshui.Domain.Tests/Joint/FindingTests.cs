using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class FindingTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly PatrolActor Jiangxi = new("jx-operator", "jiangxi", "jiangxi");

    private static Finding WithDeadline(DateOnly? deadline) =>
        new(1, 1, "垃圾堆放", null, [], "hunan", "hunan", deadline, Jiangxi, new DateTimeOffset(2024, 5, 3, 9, 0, 0, China), null);

    [Fact]
    public void IsOverdue_UntilTheEndOfTheDeadlineDayInChina_IsFalse_FromMidnightOn_IsTrue()
    {
        Finding finding = WithDeadline(new DateOnly(2024, 5, 10));

        Assert.False(finding.IsOverdue(new DateTimeOffset(2024, 5, 10, 23, 59, 59, China)));
        Assert.True(finding.IsOverdue(new DateTimeOffset(2024, 5, 11, 0, 0, 0, China)));
        // 16:00 UTC on the 10th is already the 11th in China.
        Assert.True(finding.IsOverdue(new DateTimeOffset(2024, 5, 10, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void IsOverdue_WithoutDeadline_IsNeverTrue()
    {
        Assert.False(WithDeadline(null).IsOverdue(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void Close_RecordsWhoWhenHow_AndAClosedFindingIsNotOverdue()
    {
        var hunan = new PatrolActor("hn-operator", "hunan", "hunan");
        var at = new DateTimeOffset(2024, 5, 20, 10, 0, 0, China);

        (Finding? closed, IReadOnlyList<PatrolError> errors) = WithDeadline(new DateOnly(2024, 5, 10)).Close(hunan, at, " 已清理 ");

        Assert.Empty(errors);
        Assert.Equal(new FindingClosing(hunan, at, "已清理"), closed!.Closing);
        Assert.False(closed.IsOverdue(at));
        Assert.Equal("finding", Assert.Single(closed.Close(hunan, at, "again").Errors).Field);
    }

    [Fact]
    public void MayBeClosedBy_OwnerOrganisationOrCoordinator_OnlyThem()
    {
        Finding finding = WithDeadline(null);

        Assert.True(finding.MayBeClosedBy(new PatrolActor("a", "hunan", "hunan"), coordinator: false));
        Assert.False(finding.MayBeClosedBy(Jiangxi, coordinator: false));
        Assert.True(finding.MayBeClosedBy(new PatrolActor("c", "joint-office", null), coordinator: true));
    }

    [Fact]
    public void Check_BadFields_NamesEachField()
    {
        var fields = new FindingFields("", 200, 27.6, ["ABC"], "nobody", "2024-13-01");

        (Finding? finding, IReadOnlyList<PatrolError> errors) = fields.Check(1, new Dictionary<string, string?> { ["hunan"] = "hunan" }, Jiangxi, DateTimeOffset.UnixEpoch);

        Assert.Null(finding);
        Assert.Equal(["text", "longitude", "photos[0]", "owner", "deadline"], errors.Select(e => e.Field));
    }
}
