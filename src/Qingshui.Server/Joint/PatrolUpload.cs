using Microsoft.AspNetCore.Http;

namespace Qingshui.Server.Joint;

/// <summary>Reads an uploaded body (a route file, a CSV roster) up to a limit, never holding more than the limit plus one byte.</summary>
internal static class PatrolUpload
{
    /// <summary>The body's bytes, or <c>null</c> when it is longer than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int max)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
