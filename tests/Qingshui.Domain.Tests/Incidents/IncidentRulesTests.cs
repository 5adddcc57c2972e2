using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Incidents;

public sealed class IncidentRulesTests
{
    internal const string JiangxiJinyushi = "360300A00000000000000201";
    internal const string HunanJinyushi = "430281A00000000000000202";
    internal static readonly DateTimeOffset Seen = new(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Basin Basin = ExampleBasin.Basin;

    internal static Alert AlertAt(
        string? section, string station = JiangxiJinyushi, AlertKind kind = AlertKind.TargetExceeded, AlertSeverity severity = AlertSeverity.Critical, long id = 7) =>
        new(id, "nh3n-over-target", kind, severity, section, station, "w21003", Seen, null, [new AlertValue(Seen, 2.4m, true)], "w21003 2.4 mg/L worse than class III");

    [Theory]
    [InlineData("jinyushi", AlertKind.TargetExceeded, AlertSeverity.Critical, true)]
    [InlineData("pingshui-source", AlertKind.Statistical, AlertSeverity.Warning, true)]
    [InlineData("liling-wangfang", AlertKind.TargetExceeded, AlertSeverity.Critical, false)]
    [InlineData("jinyushi", AlertKind.Silence, AlertSeverity.Critical, false)]
    [InlineData("jinyushi", AlertKind.InvalidRun, AlertSeverity.Warning, false)]
    [InlineData("jinyushi", AlertKind.FastRise, AlertSeverity.Info, false)]
    [InlineData(null, AlertKind.TargetExceeded, AlertSeverity.Critical, false)]
    public void Concerns_BoundaryOrUpstreamWaterAlerts_Only(string? section, AlertKind kind, AlertSeverity severity, bool concerns)
    {
        Assert.Equal(concerns, IncidentRules.Concerns(Basin, AlertAt(section, kind: kind, severity: severity)));
    }

    [Fact]
    public void Open_AtJinyushi_TellsBothProvinces_InvolvesBothStations_WarnsDownstream()
    {
        DateTimeOffset now = Seen.AddMinutes(3);

        Incident incident = IncidentRules.Open(Basin, AlertAt("jinyushi"), now);

        Assert.Equal(("jinyushi", AlertSeverity.Critical, IncidentStatus.Raised, Seen), (incident.Section, incident.Severity, incident.Status, incident.OpenedAt));
        Assert.Equal(["jiangxi", "hunan"], incident.Jurisdictions);
        Assert.Equal([JiangxiJinyushi, HunanJinyushi], incident.Stations);
        Assert.Equal([7L], incident.AlertIds);
        Assert.Equal(["liling-wangfang", "lushui-mouth"], incident.Downstream.Select(d => d.Section));
        // 30 km at 0.6 m/s: 50,000 s, 13 h 53 min.
        Assert.Equal(Seen.AddMinutes(833), incident.Downstream[0].ArrivalAt);
        IncidentStep raised = Assert.Single(incident.Steps);
        Assert.Equal((IncidentStepKind.Raised, "engine", now), (raised.Kind, raised.Actor, raised.At));
        Assert.Null(incident.LastToldAt);
    }

    [Fact]
    public void Open_AtTheHeadwater_TellsTheJurisdictionsBelowToo()
    {
        Incident incident = IncidentRules.Open(Basin, AlertAt("pingshui-source", "36030000000101"), Seen);

        Assert.Equal(["jiangxi", "hunan"], incident.Jurisdictions);
        Assert.Equal(["36030000000101"], incident.Stations);
    }

    [Fact]
    public void Join_AnotherStationsAlert_AddsEvidenceAndStation_KeepsTheWorseSeverity()
    {
        Incident incident = IncidentRules.Open(Basin, AlertAt("jinyushi", severity: AlertSeverity.Warning), Seen);

        Incident joined = IncidentRules.Join(incident, AlertAt("jinyushi", HunanJinyushi, severity: AlertSeverity.Critical, id: 9), Seen.AddHours(1));
        Incident again = IncidentRules.Join(joined, AlertAt("jinyushi", HunanJinyushi, severity: AlertSeverity.Warning, id: 11), Seen.AddHours(2));

        Assert.Equal([7L, 9L, 11L], again.AlertIds);
        Assert.Equal(AlertSeverity.Critical, again.Severity);
        Assert.Equal(IncidentStatus.Raised, again.Status);
        Assert.Equal([JiangxiJinyushi, HunanJinyushi], again.Stations);
        Assert.Equal([IncidentStepKind.Raised, IncidentStepKind.AlertJoined, IncidentStepKind.AlertJoined], again.Steps.Select(s => s.Kind));
    }
}
