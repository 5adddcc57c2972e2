using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Qingshui.Server.Api.Csv;

/// <summary>Marks an endpoint whose answer is a table: its rows are the answer itself, or the array in <see cref="Property"/>.</summary>
internal sealed record CsvRows(string? Property);

/// <summary>Marks an endpoint that takes <c>?format=</c> and answers its own formats (the statement), so the negotiation leaves it alone.</summary>
internal sealed record OwnFormats;

/// <summary>
/// <c>Accept: text/csv</c> or <c>?format=csv</c>: a table is answered as CSV (<see cref="CsvCells"/>), any other answer is
/// refused with 406 rather than answered as JSON the caller did not ask for.
/// </summary>
internal static class CsvNegotiation
{
    private const string Wanted = "qingshui.csv";

    public static IApplicationBuilder UseCsvNegotiation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || context.GetEndpoint() is not Endpoint endpoint)
        {
            await next(context);
            return;
        }

        string? format = context.Request.Query.TryGetValue("format", out var values) ? values.ToString() : null;
        bool table = endpoint.Metadata.GetMetadata<CsvRows>() is not null;
        if (table && format is not (null or "csv" or "json"))
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"'{Bounded(format)}' is not csv or json"] },
                title: "Invalid query parameter").ExecuteAsync(context);
            return;
        }

        bool csv = format == "csv" || (format is null && PrefersCsv(context.Request.Headers.Accept));
        if (csv && !table && endpoint.Metadata.GetMetadata<OwnFormats>() is null)
        {
            await TypedResults.Problem(
                $"{context.Request.Path} answers application/json only. CSV (Accept: text/csv or ?format=csv) is answered where the answer is a table: "
                + "lists, readings, packet logs, monthly results and series.",
                statusCode: StatusCodes.Status406NotAcceptable, title: "Not acceptable").ExecuteAsync(context);
            return;
        }

        if (csv && table)
        {
            context.Items[Wanted] = true;
        }

        await next(context);
    });

    /// <summary>Answers the endpoint's table as CSV when the caller asked for it; <paramref name="rows"/> names the array holding the rows.</summary>
    public static TBuilder WithCsv<TBuilder>(this TBuilder builder, string? rows = null) where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new CsvRows(rows));
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            object? result = await next(invocation);
            if (!invocation.HttpContext.Items.ContainsKey(Wanted))
            {
                return result;
            }

            while (result is INestedHttpResult nested)
            {
                result = nested.Result;
            }

            JsonElement? body = result switch
            {
                JsonAnswer answer => JsonDocument.Parse(answer.Utf8).RootElement,
                IValueHttpResult { Value: object value } when result is IStatusCodeHttpResult { StatusCode: null or 200 } =>
                    JsonSerializer.SerializeToElement(value, value.GetType(), JsonAnswer.Options),
                _ => null,
            };
            return body is JsonElement root ? new CsvAnswer(rows is null ? root : root.GetProperty(rows), invocation.HttpContext.Request.Path) : result;
        });
        return builder;
    }

    /// <summary>Whether the Accept header ranks text/csv above JSON (a <c>*/*</c> alone does not ask for CSV).</summary>
    public static bool PrefersCsv(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || !MediaTypeHeaderValue.TryParseList(accept, out IList<MediaTypeHeaderValue>? types))
        {
            return false;
        }

        double csv = 0, json = 0;
        int csvAt = int.MaxValue, jsonAt = int.MaxValue;
        for (int i = 0; i < types.Count; i++)
        {
            double q = types[i].Quality ?? 1;
            if (types[i].MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase) && q > csv)
            {
                (csv, csvAt) = (q, i);
            }
            else if ((types[i].MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || types[i].MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)) && q > json)
            {
                (json, jsonAt) = (q, i);
            }
        }

        return csv > 0 && (csv > json || (csv == json && csvAt < jsonAt));
    }

    private static string Bounded(string text) => text.Length > 32 ? text[..32] + "…" : text;

    /// <summary>A table written as CSV: UTF-8 with BOM, a header row, one row per element.</summary>
    private sealed class CsvAnswer(JsonElement rows, PathString path) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var text = new StringWriter(new StringBuilder(), System.Globalization.CultureInfo.InvariantCulture);
            CsvTable.Write(text, rows);
            byte[] body = [.. CsvCells.Encoding.GetPreamble(), .. CsvCells.Encoding.GetBytes(text.ToString())];
            string name = new([.. string.Join('-', (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2))
                .Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')]);
            httpContext.Response.ContentType = CsvCells.ContentType;
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{(name.Length == 0 ? "table" : name)}.csv\"";
            httpContext.Response.ContentLength = body.Length;
            await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
