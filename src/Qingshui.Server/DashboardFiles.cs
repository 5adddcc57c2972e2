using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Qingshui.Server;

/// <summary>
/// Serves the dashboard, which the build compiles into this assembly (from src/Qingshui.Dashboard): any path that is not
/// the API gets the file of that name, or index.html for the dashboard's own routes.
/// </summary>
internal static class DashboardFiles
{
    private const string Prefix = "dashboard/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly Assembly Assembly = typeof(DashboardFiles).Assembly;
    private static readonly HashSet<string> Names = Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    public static bool IsBuilt => Names.Contains(Prefix + "index.html");

    public static void MapDashboard(this WebApplication app)
    {
        // Open even when public reads are off (ServerOptions.PublicRead): the page must load to show its sign-in form.
        app.MapGet("/{**path}", (string? path, HttpContext context) => Serve(path, context)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(string? path, HttpContext context)
    {
        if (path is not null && path.StartsWith("api/", StringComparison.Ordinal))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API resource", detail: $"/{path} is not an endpoint of /api/v1.");
        }

        string name = Prefix + (string.IsNullOrEmpty(path) ? "index.html" : path);
        if (!Names.Contains(name))
        {
            name = Prefix + "index.html";
        }

        if (!Names.Contains(name))
        {
            return Results.Content("<!DOCTYPE html><p>The dashboard was not built (Node.js was not found when Qingshui was built). The API is at <a href=\"/api/docs\">/api/docs</a>.</p>", "text/html; charset=utf-8");
        }

        // Hashed asset names never change content; index.html must be re-read to find new ones.
        context.Response.Headers.CacheControl = name.EndsWith("index.html", StringComparison.Ordinal) ? "no-cache" : "public, max-age=31536000, immutable";
        string contentType = ContentTypes.TryGetContentType(name, out string? type) ? type : "application/octet-stream";
        return Results.Stream(Assembly.GetManifestResourceStream(name)!, contentType);
    }
}
