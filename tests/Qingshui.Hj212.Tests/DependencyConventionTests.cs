using Qingshui.Testing;

namespace Qingshui.Hj212.Tests;

public sealed class DependencyConventionTests
{
    [Fact]
    public void Hj212Assembly_ReferencesOnlyTheBaseClassLibrary() =>
        AssemblyConventions.AssertReferencesOnlyTheBaseClassLibrary(typeof(FrameReader).Assembly);

    [Fact]
    public void PublicTypes_AreSealedStaticOrReadOnly() =>
        AssemblyConventions.AssertPublicTypesAreSealedOrReadOnly(typeof(FrameReader).Assembly);
}
