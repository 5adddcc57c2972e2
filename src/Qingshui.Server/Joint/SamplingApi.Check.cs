using System.Globalization;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Api;

namespace Qingshui.Server.Joint;

// The checks of a new sampling event: every field bounded, each error under its field's name.
internal static partial class SamplingApi
{
    private static SamplingEvent? Check(SamplingRequest? request, Basin basin, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["is required: {section, sampledAt, place, samplers, samples}"];
            return null;
        }

        if (request.Section is null || basin.FindSection(request.Section) is null)
        {
            errors["section"] = [request.Section is null ? "is required" : $"'{Short(request.Section)}' is not a section of this basin"];
        }

        DateTimeOffset sampledAt = default;
        if (request.SampledAt is null)
        {
            errors["sampledAt"] = ["is required: an ISO 8601 time (UTC+8 when no offset is given)"];
        }
        else
        {
            sampledAt = QueryTime.Parse(request.SampledAt, "sampledAt", default, errors);
        }

        string place = Text(request.Place, "place", required: true, errors);
        string note = Text(request.Note, "note", required: false, errors);
        Sampler[] samplers = Samplers(request.Samplers, basin, errors);
        string[] samples = Labels(request.Samples, "samples", required: true, label => SampleLabel().IsMatch(label),
            "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit", errors);
        string[] attachments = Labels(request.Attachments, "attachments", required: false, id => AttachmentId().IsMatch(id),
            "must be an attachment id: the lowercase hex SHA-256 of its content (64 characters)", errors);
        return errors.Count > 0 ? null
            : new SamplingEvent(0, request.Section!, sampledAt, place, samplers, samples, [], attachments, note, "", "", default);
    }

    private static string Text(string? text, string name, bool required, Dictionary<string, string[]> errors)
    {
        string trimmed = text?.Trim() ?? "";
        if (required && trimmed.Length == 0)
        {
            errors[name] = ["is required"];
        }
        else if (trimmed.Length > SamplingEvent.MaxTextLength)
        {
            errors[name] = [string.Create(CultureInfo.InvariantCulture, $"is {trimmed.Length} characters; at most {SamplingEvent.MaxTextLength}")];
        }

        return trimmed;
    }

    private static Sampler[] Samplers(SamplerDto[]? samplers, Basin basin, Dictionary<string, string[]> errors)
    {
        if (samplers is not { Length: > 0 } || samplers.Length > SamplingEvent.MaxListLength)
        {
            errors["samplers"] = [string.Create(CultureInfo.InvariantCulture, $"must list 1–{SamplingEvent.MaxListLength} people who sampled, each {{side, name}}")];
            return [];
        }

        for (int i = 0; i < samplers.Length; i++)
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"samplers[{i}]");
            if (samplers[i] is null || basin.Jurisdictions.All(j => j.Id != samplers[i].Side))
            {
                errors[key + ".side"] = [$"must be a jurisdiction of the basin ({string.Join(", ", basin.Jurisdictions.Select(j => j.Id))})"];
            }

            if (samplers[i]?.Name?.Trim() is not { Length: > 0 and <= MaxNameLength })
            {
                errors[key + ".name"] = [string.Create(CultureInfo.InvariantCulture, $"must be 1–{MaxNameLength} characters")];
            }
        }

        return [.. samplers.Where(s => s is not null).Select(s => new Sampler(s.Side, s.Name?.Trim() ?? ""))];
    }

    private static string[] Labels(string[]? items, string name, bool required, Func<string, bool> valid, string rule, Dictionary<string, string[]> errors)
    {
        items ??= [];
        if ((required && items.Length == 0) || items.Length > SamplingEvent.MaxListLength)
        {
            errors[name] = [string.Create(CultureInfo.InvariantCulture, $"must list {(required ? 1 : 0)}–{SamplingEvent.MaxListLength} items")];
            return [];
        }

        for (int i = 0; i < items.Length; i++)
        {
            string key = string.Create(CultureInfo.InvariantCulture, $"{name}[{i}]");
            if (items[i] is null || !valid(items[i]))
            {
                errors[key] = [$"'{Short(items[i] ?? "")}' {rule}"];
            }
            else if (Array.IndexOf(items, items[i]) < i)
            {
                errors[key] = [$"'{items[i]}' is listed twice"];
            }
        }

        return items;
    }

    private static string Short(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
