using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Server.Api.Csv;

namespace Qingshui.Server.Api;

/// <summary>Writes monthly results per section as CSV, one row per section and month, each written once it is assessed.</summary>
internal static class MonthExport
{
    public static async Task WriteAsync(HttpContext context, SectionData data, IReadOnlyList<Section> sections, DateTimeOffset firstMonth, int months)
    {
        CancellationToken aborted = context.RequestAborted;
        StandardItem[] items = [.. StandardItems.All.Where(i => i.ParameterCode is not null)];
        context.Response.ContentType = CsvCells.ContentType;
        context.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture,
            $"attachment; filename=\"months-{firstMonth:yyyyMM}-{firstMonth.AddMonths(months - 1):yyyyMM}.csv\"");
        await using var output = new StreamWriter(context.Response.Body, CsvCells.Encoding, bufferSize: 16 * 1024);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvCells.WriteRow(writer, [
            "section", "name", "month", "targetClass", "class", "grade", "deciding", "mainPollutants", "missing",
            .. items.Select(i => (CsvCell)$"{i.Id} ({i.ParameterCode})")]);
        foreach (Section section in sections)
        {
            for (int m = 0; m < months; m++)
            {
                DateTimeOffset start = firstMonth.AddMonths(m);
                if (await data.MonthAsync(section, start, aborted) is not var (period, assessment, _))
                {
                    continue;
                }

                WriteRow(writer, section, period.ToString(), assessment, items);
            }

            await ReadingExport.SendAsync(output, writer, aborted);
        }

        await ReadingExport.SendAsync(output, writer, aborted);
    }

    private static void WriteRow(TextWriter writer, Section section, string month, SectionAssessment assessment, StandardItem[] items)
    {
        Contracts.AssessmentDto a = ApiMapping.Assessment(assessment);
        CsvCells.WriteRow(writer, [
            section.Id, section.Name.Chinese, month, WaterClassText.ToRoman(section.TargetClass), a.Class, a.Grade,
            string.Join("; ", a.Deciding), string.Join("; ", a.MainPollutants.Select(p => p.Item)), string.Join("; ", a.Missing),
            .. items.Select(i => a.Values.TryGetValue(i.Id, out decimal v) ? CsvCell.Number(v.ToString(CultureInfo.InvariantCulture)) : CsvCell.Of("")),
        ]);
    }
}
