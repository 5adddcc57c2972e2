using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Qingshui.Server.Api;

/// <summary>
/// Answers 400 to an API request with a query parameter its endpoint does not read. A misspelt <c>?statoin=</c> or
/// <c>?form=</c> would otherwise be ignored and the caller would take an answer to a question it did not ask.
/// </summary>
/// <remarks>
/// The names an endpoint reads come from its handler's parameters, as minimal APIs bind them: simple values not named
/// in the route, <c>[FromQuery]</c> names, and the members of <c>[AsParameters]</c> types. Found once per endpoint.
/// </remarks>
internal static class QueryCheck
{
    private static readonly ConcurrentDictionary<RouteEndpoint, FrozenSet<string>?> Names = new();

    public static IApplicationBuilder UseQueryCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && context.Request.Query.Count > 0
            && context.GetEndpoint() is RouteEndpoint endpoint && Names.GetOrAdd(endpoint, QueryNamesOf) is FrozenSet<string> known)
        {
            string[] unknown = [.. context.Request.Query.Keys.Where(key => !known.Contains(key)).Order(StringComparer.Ordinal)];
            if (unknown.Length > 0)
            {
                string takes = known.Count == 0 ? "it takes no query parameters" : "it takes: " + string.Join(", ", known.Order(StringComparer.Ordinal));
                await TypedResults.ValidationProblem(
                    unknown.ToDictionary(key => key, key => new[] { $"'{key}' is not a query parameter of {context.Request.Path}; {takes}" }, StringComparer.Ordinal),
                    title: "Unknown query parameter").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });

    /// <summary>The query names an endpoint's handler binds, or <c>null</c> when the endpoint has no handler method to tell.</summary>
    internal static FrozenSet<string>? QueryNamesOf(RouteEndpoint route)
    {
        if (route.Metadata.GetMetadata<MethodInfo>() is not MethodInfo handler)
        {
            return null;
        }

        var routeNames = route.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (ParameterInfo parameter in handler.GetParameters())
        {
            Collect(parameter, routeNames, names);
        }

        if (route.Metadata.GetMetadata<Csv.CsvRows>() is not null)
        {
            names.Add("format");
        }

        return names.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private static void Collect(ParameterInfo parameter, HashSet<string> routeNames, List<string> names)
    {
        if (parameter.IsDefined(typeof(AsParametersAttribute), inherit: false))
        {
            // A record's positional members, else its public settable properties (as minimal APIs bind either).
            ParameterInfo[] positional = parameter.ParameterType.GetConstructors().MaxBy(c => c.GetParameters().Length)?.GetParameters() ?? [];
            foreach (ParameterInfo member in positional)
            {
                Collect(member, routeNames, names);
            }

            if (positional.Length == 0)
            {
                foreach (PropertyInfo property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
                {
                    Collect(property.Name, property.PropertyType, property, routeNames, names);
                }
            }

            return;
        }

        Collect(parameter.Name, parameter.ParameterType, parameter, routeNames, names);
    }

    private static void Collect(string? name, Type type, ICustomAttributeProvider source, HashSet<string> routeNames, List<string> names)
    {
        if (source.GetCustomAttributes(typeof(FromQueryAttribute), inherit: false) is [FromQueryAttribute fromQuery, ..])
        {
            names.Add(fromQuery.Name ?? JsonNamingPolicy.CamelCase.ConvertName(name ?? ""));
        }
        else if (name is not null && !routeNames.Contains(name) && IsSimple(type) && !HasBindingSource(source))
        {
            names.Add(JsonNamingPolicy.CamelCase.ConvertName(name));
        }
    }

    private static bool HasBindingSource(ICustomAttributeProvider source) =>
        source.IsDefined(typeof(FromRouteAttribute), false) || source.IsDefined(typeof(FromBodyAttribute), false)
        || source.IsDefined(typeof(FromServicesAttribute), false) || source.IsDefined(typeof(FromHeaderAttribute), false)
        || source.IsDefined(typeof(FromFormAttribute), false);

    // What minimal APIs bind from the query string: strings, values with TryParse, and arrays of them.
    private static bool IsSimple(Type type)
    {
        Type bare = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        return bare == typeof(string) || bare.IsPrimitive || bare.IsEnum
            || bare.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), bare.MakeByRefType()]) is not null
            || bare.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), bare.MakeByRefType()]) is not null;
    }
}
