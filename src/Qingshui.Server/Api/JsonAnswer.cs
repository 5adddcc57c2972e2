using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Qingshui.Server.Api;

/// <summary>An answer already serialised to JSON, so a cached answer is sent as bytes rather than serialised again.</summary>
internal sealed class JsonAnswer : IResult
{
    private readonly byte[] _utf8;

    private JsonAnswer(byte[] utf8) => _utf8 = utf8;

    /// <summary>The answer as serialised, for a representation built from it (CSV).</summary>
    public ReadOnlyMemory<byte> Utf8 => _utf8;

    /// <summary>How the API writes JSON: camelCase, and Chinese text as itself rather than \u escapes.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonAnswer Of<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, Options));

    /// <summary>An answer already written as UTF-8 JSON the way <see cref="Of"/> writes it (the array is kept, not copied).</summary>
    public static JsonAnswer OfUtf8(byte[] utf8) => new(utf8);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = _utf8.Length;
        await httpContext.Response.Body.WriteAsync(_utf8, httpContext.RequestAborted);
    }
}
