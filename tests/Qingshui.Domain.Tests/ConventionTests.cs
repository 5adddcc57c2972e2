using System.Reflection;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests;

public sealed class ConventionTests
{
    private static readonly Assembly Domain = typeof(Basin).Assembly;

    [Fact]
    public void DomainAssembly_ReferencesOnlyTheBaseClassLibrary()
    {
        string[] outside = Domain.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .ToArray();

        Assert.Empty(outside);
    }

    [Fact]
    public void ValueTypes_AreReadOnly_AndClassesSealed()
    {
        Type[] mutableStructs = Domain.GetExportedTypes().Where(t => t.IsValueType && !t.IsEnum && !t.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute))).ToArray();
        Type[] openClasses = Domain.GetExportedTypes().Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract).ToArray();

        Assert.Empty(mutableStructs);
        Assert.Empty(openClasses);
    }
}
