using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;

namespace Qingshui.Domain.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset At = IncidentRulesTests.Seen;

    private static Incident Opened() => IncidentRules.Open(ExampleBasin.Basin, IncidentRulesTests.AlertAt("jinyushi"), At);

    private static IncidentStep Step(IncidentStepKind kind, int minutes = 0) => new(kind, "hn-operator", "hunan", At.AddMinutes(minutes), "");

    [Fact]
    public void Take_TheWholeWay_RaisedToClosed_EachStepOnTheTimeline()
    {
        Incident incident = Opened();
        IncidentStepKind[] way = [IncidentStepKind.Notified, IncidentStepKind.Acknowledged, IncidentStepKind.Responding, IncidentStepKind.Closed];

        var statuses = new List<IncidentStatus>();
        foreach (IncidentStepKind kind in way)
        {
            (Incident? next, string? refusal) = IncidentLifecycle.Take(incident, Step(kind));
            Assert.Null(refusal);
            incident = next!;
            statuses.Add(incident.Status);
        }

        Assert.Equal([IncidentStatus.Notified, IncidentStatus.Acknowledged, IncidentStatus.Responding, IncidentStatus.Closed], statuses);
        Assert.Equal(5, incident.Steps.Count);
        Assert.False(incident.IsOpen);
    }

    [Theory]
    [InlineData(IncidentStatus.Notified, IncidentStepKind.Responding, "an incident that is notified cannot be responding")]
    [InlineData(IncidentStatus.Notified, IncidentStepKind.Closed, "an incident that is notified cannot be closed (acknowledge it first)")]
    [InlineData(IncidentStatus.Acknowledged, IncidentStepKind.Acknowledged, "an incident that is acknowledged cannot be acknowledged")]
    [InlineData(IncidentStatus.Acknowledged, IncidentStepKind.Escalated, "an incident that is acknowledged cannot be escalated")]
    [InlineData(IncidentStatus.Closed, IncidentStepKind.AlertJoined, "an incident that is closed cannot be alert-joined")]
    [InlineData(IncidentStatus.Closed, IncidentStepKind.Closed, "an incident that is closed cannot be closed")]
    [InlineData(IncidentStatus.Responding, IncidentStepKind.Notified, "an incident that is responding cannot be notified")]
    public void Take_AStepTheLifecycleDoesNotAllow_IsRefusedWithWhy(IncidentStatus status, IncidentStepKind kind, string refusal)
    {
        (Incident? next, string? why) = IncidentLifecycle.Take(Opened() with { Status = status }, Step(kind));

        Assert.Null(next);
        Assert.Equal(refusal, why);
    }

    [Fact]
    public void Take_CloseAnAcknowledgedFalseAlarm_IsAllowed()
    {
        Assert.Null(IncidentLifecycle.Refusal(IncidentStatus.Acknowledged, IncidentStepKind.Closed));
        Assert.Null(IncidentLifecycle.ActionRefusal(IncidentStatus.Acknowledged));
        Assert.NotNull(IncidentLifecycle.ActionRefusal(IncidentStatus.Notified));
        Assert.NotNull(IncidentLifecycle.ActionRefusal(IncidentStatus.Closed));
    }

    [Fact]
    public void Escalation_DueOncePerLimitAfterTheLastNotice_UntilAcknowledged()
    {
        var policy = new EscalationPolicy(new Dictionary<AlertSeverity, TimeSpan> { [AlertSeverity.Critical] = TimeSpan.FromMinutes(15) }, TimeSpan.FromMinutes(30));
        Incident notified = IncidentLifecycle.Take(Opened(), Step(IncidentStepKind.Notified)).Incident!;

        bool before = policy.IsDue(notified, At.AddMinutes(14));
        bool at = policy.IsDue(notified, At.AddMinutes(15));
        Incident escalated = IncidentLifecycle.Take(notified, Step(IncidentStepKind.Escalated, 15)).Incident!;
        bool rightAfter = policy.IsDue(escalated, At.AddMinutes(20));
        bool again = policy.IsDue(escalated, At.AddMinutes(30));
        Incident acknowledged = IncidentLifecycle.Take(escalated, Step(IncidentStepKind.Acknowledged, 31)).Incident!;

        Assert.Equal((false, true, false, true), (before, at, rightAfter, again));
        Assert.False(policy.IsDue(acknowledged, At.AddHours(5)));
        Assert.False(policy.IsDue(Opened(), At.AddHours(5)));
        Assert.Equal(1, escalated.Escalations);
        Assert.Equal(TimeSpan.FromMinutes(30), policy.LimitOf(AlertSeverity.Warning));
        Assert.Equal(TimeSpan.FromMinutes(30), EscalationPolicy.Standard.LimitOf(AlertSeverity.Critical));
    }
}
