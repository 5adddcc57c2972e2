using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Qingshui.Server.Api;

/// <summary>
/// Answers 400, naming the field, to an API request whose text holds a NUL character (U+0000): in the query, the path,
/// a JSON body (at any depth, names included) or a URL-encoded form. PostgreSQL cannot store NUL in text,
/// so without this check the same request would be stored on SQLite and fail on PostgreSQL; checked once here for every
/// endpoint, both stores give the same answer.
/// </summary>
internal static class NulTextCheck
{
    public const string Title = "Text with a NUL character";

    public static IApplicationBuilder UseNulTextCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        string? field;
        try
        {
            field = context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? await FirstNulFieldAsync(context) : null;
        }
        catch (BadHttpRequestException e)
        {
            // The body is over the endpoint's limit (413) or broken off: the answer binding would give, given here.
            await TypedResults.Problem(statusCode: e.StatusCode, title: "The request body cannot be read", detail: e.Message).ExecuteAsync(context);
            return;
        }

        if (field is not null)
        {
            await TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [$"'{field}' holds a NUL character (U+0000), which no text may hold"] },
                title: Title).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    /// <summary>The name of the first field whose text holds a NUL, or <c>null</c>.</summary>
    private static async Task<string?> FirstNulFieldAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in request.Query)
        {
            if (HasNul(key) || values.Any(HasNul))
            {
                return Printable(key);
            }
        }

        foreach ((string key, object? value) in request.RouteValues)
        {
            if (value is string text && HasNul(text))
            {
                return key;
            }
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        if (request.HasJsonContentType())
        {
            return await JsonFieldAsync(request, context.RequestAborted);
        }

        // A multipart body (an upload) is left to its endpoint, which reads it within its own limits.
        if (request.HasFormContentType && !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            IFormCollection form = await request.ReadFormAsync(context.RequestAborted);
            foreach ((string key, Microsoft.Extensions.Primitives.StringValues values) in form)
            {
                if (HasNul(key) || values.Any(HasNul))
                {
                    return Printable(key);
                }
            }

        }

        return null;
    }

    /// <summary>Reads the body (kept for the endpoint, within its size limit) and walks it: a NUL can only be written <c>\u0000</c> in JSON.</summary>
    private static async Task<string?> JsonFieldAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        byte[] bytes = body.GetBuffer();
        int length = (int)body.Length;
        if (bytes.AsSpan(0, length).IndexOf("\\u0000"u8) < 0)
        {
            return null;
        }

        try
        {
            return Walk(new ReadOnlySpan<byte>(bytes, 0, length));
        }
        catch (JsonException)
        {
            // Not JSON: binding answers that with its own 400.
            return null;
        }
    }

    private static string? Walk(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var path = new List<string>();
        var indexes = new Stack<int>();
        string? pending = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString()!;
                    if (HasNul(pending))
                    {
                        return Join(path, Printable(pending));
                    }

                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(Step(ref pending, indexes));
                    indexes.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    indexes.Pop();
                    path.RemoveAt(path.Count - 1);
                    break;
                case JsonTokenType.String:
                    string step = Step(ref pending, indexes);
                    if (HasNul(reader.GetString()!))
                    {
                        return Join(path, step);
                    }

                    break;
                default:
                    Step(ref pending, indexes);
                    break;
            }
        }

        return null;
    }

    // The name of the value starting now: the property just read, or the next index of the array it sits in.
    private static string Step(ref string? pending, Stack<int> indexes)
    {
        if (pending is not null)
        {
            string name = pending;
            pending = null;
            return name;
        }

        if (indexes.Count > 0 && indexes.Peek() >= 0)
        {
            int index = indexes.Pop();
            indexes.Push(index + 1);
            return $"[{index}]";
        }

        return "";
    }

    private static string Join(List<string> path, string last)
    {
        var text = new StringBuilder();
        foreach (string step in path.Append(last).Where(s => s.Length > 0))
        {
            if (text.Length > 0 && !step.StartsWith('['))
            {
                text.Append('.');
            }

            text.Append(step);
        }

        return text.Length == 0 ? "body" : text.ToString();
    }

    private static bool HasNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    private static string Printable(string name) => name.Replace("\0", "\\u0000", StringComparison.Ordinal);
}
