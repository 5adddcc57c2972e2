using System.Reflection;

namespace Qingshui.Hj212.Tests;

public sealed class DependencyConventionTests
{
    [Fact]
    public void Hj212Assembly_ReferencesOnlyTheBaseClassLibrary()
    {
        Assembly codec = typeof(FrameReader).Assembly;

        string[] outside = codec.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .ToArray();

        Assert.Empty(outside);
    }

    [Fact]
    public void PublicTypes_AreSealedStaticOrValueTypes()
    {
        Type[] open = typeof(FrameReader).Assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            .ToArray();

        Assert.Empty(open);
    }
}
