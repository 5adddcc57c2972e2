using System.Text.Json;
using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Audit;

/// <summary>
/// Keeps secrets out of the audit log: in the before/after JSON of an entry, the value of any property named like a
/// secret (password, token, secret, credential, API key, HJ 212's access password <c>PW</c>) becomes <see cref="Masked"/>.
/// </summary>
public static class SecretMask
{
    /// <summary>What a masked value reads as.</summary>
    public const string Masked = "***";

    private static readonly string[] SecretWords = ["password", "passwd", "pwd", "secret", "token", "credential", "apikey", "api_key", "api-key"];

    /// <summary>Whether a property of this name holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Equals("pw", StringComparison.OrdinalIgnoreCase)
            || SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The JSON with secret-named values masked, compact; <c>null</c> stays <c>null</c>.</summary>
    /// <exception cref="ArgumentException">The text is not JSON (a caller's bug: entries hold JSON or nothing).</exception>
    public static string? Apply(string? json)
    {
        if (json is null)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"audit before/after must be JSON: {e.Message}", nameof(json), e);
        }

        using (document)
        {
            return CanonicalJson.Write(writer => Write(writer, document.RootElement));
        }
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (IsSecretName(property.Name) && property.Value.ValueKind is not JsonValueKind.Null)
                    {
                        writer.WriteStringValue(Masked);
                    }
                    else
                    {
                        Write(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
