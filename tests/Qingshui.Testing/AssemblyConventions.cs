using System.Reflection;

namespace Qingshui.Testing;

/// <summary>Checks of the dependency and mutability rules (STYLE.md §3, §14) that pure libraries must keep.</summary>
public static class AssemblyConventions
{
    /// <summary>The assembly references nothing outside the base class library.</summary>
    public static void AssertReferencesOnlyTheBaseClassLibrary(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        string[] outside = assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .ToArray();

        Assert.Empty(outside);
    }

    /// <summary>
    /// Every public class is sealed or static, every public struct read-only, except a ref struct: a reader that moves
    /// over a span (like <see cref="Span{T}.Enumerator"/>) must change as it moves, and lives only on the stack of its caller.
    /// </summary>
    public static void AssertPublicTypesAreSealedOrReadOnly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] open = assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            .ToArray();
        Type[] mutable = assembly.GetExportedTypes()
            .Where(t => t.IsValueType && !t.IsEnum && !t.IsByRefLike && !t.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute)))
            .ToArray();

        Assert.Empty(open);
        Assert.Empty(mutable);
    }
}
