using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Network;

public sealed class BasinTests
{
    private static readonly Basin Preset = BasinPresets.Load("pingshui-lushui");

    [Fact]
    public void StationsAt_EachSection_IsItsStationsInTheBasinsOrder()
    {
        foreach (Section section in Preset.Sections)
        {
            Assert.Equal(Preset.Stations.Where(s => s.Section == section.Id), Preset.StationsAt(section.Id));
        }

        Assert.Equal(2, Preset.StationsAt("jinyushi").Count());
        Assert.Empty(Preset.StationsAt("nowhere"));
    }

    [Fact]
    public void WithStation_MovedToAnotherSection_IsFoundThereOnly()
    {
        Station moved = Preset.StationsAt("jinyushi").First() with { Section = "lushui-mouth" };

        Basin after = Preset.WithStation(moved);

        Assert.DoesNotContain(after.StationsAt("jinyushi"), s => s.DeviceId == moved.DeviceId);
        Assert.Contains(after.StationsAt("lushui-mouth"), s => s.DeviceId == moved.DeviceId);
        Assert.Same(Preset.FindSection("jinyushi"), after.FindSection("jinyushi"));
        Assert.Null(after.FindSection("nowhere"));
    }
}
