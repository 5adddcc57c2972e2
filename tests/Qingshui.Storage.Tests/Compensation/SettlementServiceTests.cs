using Qingshui.Domain.Readings;
using Qingshui.Storage.Compensation;

namespace Qingshui.Storage.Tests.Compensation;

public sealed class SettlementServiceTests
{
    [Fact]
    public void SettlementService_LivesInStorage_WhichReferencesOnlyDomainAndTheBaseClassLibrary()
    {
        string[] references = typeof(SettlementService).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Equal("Qingshui.Storage", typeof(SettlementService).Assembly.GetName().Name);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name == "Qingshui.Server");
        Assert.All(references, name => Assert.True(name == "Qingshui.Domain" || name.StartsWith("System", StringComparison.Ordinal), name));
    }

    [Fact]
    public void ReadingPreference_IsHourlyFirst_RealTimeLast_AsTheHostUsedIt()
    {
        Assert.Equal([ReadingKind.Hour, ReadingKind.FourHour, ReadingKind.Day, ReadingKind.Sample, ReadingKind.Minute, ReadingKind.RealTime], ReadingPreference.Order);
    }
}
