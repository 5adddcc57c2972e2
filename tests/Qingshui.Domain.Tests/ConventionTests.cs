using Qingshui.Domain.Network;
using Qingshui.Testing;

namespace Qingshui.Domain.Tests;

public sealed class ConventionTests
{
    [Fact]
    public void DomainAssembly_ReferencesOnlyTheBaseClassLibrary() =>
        AssemblyConventions.AssertReferencesOnlyTheBaseClassLibrary(typeof(Basin).Assembly);

    [Fact]
    public void ValueTypes_AreReadOnly_AndClassesSealed() =>
        AssemblyConventions.AssertPublicTypesAreSealedOrReadOnly(typeof(Basin).Assembly);
}
