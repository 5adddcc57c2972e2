using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Joint;

public sealed class DiscrepancyRulesTests
{
    private static readonly StationPair Jinyushi = StationPair.Of(BasinPresets.Load("pingshui-lushui"))[0];
    private static readonly DateTimeOffset Now = new(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static PeriodComparison[] Days(params decimal[] hunan) =>
        [.. SideBySide.Compare(
            [.. hunan.Select((_, d) => new Observation(Gb3838Table1.AmmoniaNitrogen, new DateTimeOffset(2024, 3, 30, 10, 0, 0, TimeSpan.FromHours(8)).AddDays(d), 0.5m, true))],
            [.. hunan.Select((v, d) => new Observation(Gb3838Table1.AmmoniaNitrogen, new DateTimeOffset(2024, 3, 30, 10, 0, 0, TimeSpan.FromHours(8)).AddDays(d), v, true))],
            PeriodKind.Day, JointMonitoringSettings.Default)];

    [Fact]
    public void Find_DaysBeyondTheTolerance_ThatAreOver_AndOnlyThose()
    {
        // 30 March within (0.55), 31 March beyond (0.9); 1 April beyond too, but it is over; 2 April beyond, under way.
        IReadOnlyList<Discrepancy> found = DiscrepancyRules.Find(Jinyushi, Days(0.55m, 0.9m, 0.9m, 0.9m), DateOnly.FromDateTime(Now.DateTime), Now);

        Assert.Equal(["2024-03-31", "2024-04-01"], found.Select(d => d.Period.ToString()));
        Assert.All(found, d => Assert.Equal(("jinyushi", "NH3N", -0.4m, "±0.1 or ±20 %", true), (d.Section, d.ItemId, d.Difference, d.Tolerance, d.IsOpen)));
    }

    [Theory]
    [InlineData("hunan", "hunan", null, Role.Operator)]
    [InlineData("jiangxi", "jiangxi", null, Role.Reviewer)]
    [InlineData("joint-office", null, null, Role.Coordinator)]
    [InlineData("hunan", "hunan", "Closing a discrepancy needs the role operator, reviewer or coordinator.", Role.Viewer, Role.Finance)]
    [InlineData("joint-office", null, "Organisation 'joint-office' is not of a jurisdiction of discrepancy 7 (jiangxi, hunan); only their operators or reviewers, or a coordinator, may close it.", Role.Operator)]
    public void RefusalToClose_EitherSidesOperatorOrReviewer_OrACoordinator(string organisation, string? jurisdiction, string? refusal, params Role[] roles)
    {
        Discrepancy d = DiscrepancyRules.Find(Jinyushi, Days(0.9m), new DateOnly(2024, 4, 1), Now)[0] with { Id = 7 };

        Assert.Equal(refusal, DiscrepancyRules.RefusalToClose(d, roles, organisation, jurisdiction));
    }
}
