using System.IO.Compression;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Hj212;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>The flags of a real field capture (HJ/T 212-2005, 2016-08-24, shared/data/hj212) meet a configured flag mapping.</summary>
public sealed class ScreeningCaptureTests
{
    // M (maintenance) kept as suspect for reviewers; the 2005-era digits 0 and 1 some loggers send are not in the table: unlisted.
    private const string Rules = """
        { "format": "qingshui-screening/1",
          "flags": { "N": "valid", "M": "suspect", "S": "suspect", "T": "invalid", "D": "invalid", "F": "invalid", "C": "invalid", "B": "invalid" },
          "unlistedFlag": "invalid", "noFlag": "valid", "parameters": [] }
        """;

    [Fact]
    public void FieldCapture_EveryFlag_MapsAsConfigured()
    {
        ScreeningRules rules = ScreeningFile.Parse(Rules, DataFlagPolicy.Default).Rules!;
        var screener = new Screener(rules);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int invalid = 0, suspect = 0;
        foreach (Reading reading in CaptureReadings())
        {
            Reading screened = screener.Screen(reading);
            string flag = reading.Flag ?? "(none)";
            seen[flag] = seen.GetValueOrDefault(flag) + 1;
            invalid += screened.Valid ? 0 : 1;
            suspect += screened.Valid && screened.ScreenRule == ScreeningRuleIds.Flag ? 1 : 0;
            ScreeningVerdict expected = reading.Flag is null ? ScreeningVerdict.Valid : rules.Flags.GetValueOrDefault(reading.Flag, ScreeningVerdict.Invalid);
            Assert.True(expected != ScreeningVerdict.Invalid == screened.Valid, $"flag {flag}: valid {screened.Valid}");
            if (expected != ScreeningVerdict.Valid)
            {
                Assert.Equal(ScreeningRuleIds.Flag, screened.ScreenRule);
            }
            else
            {
                Assert.NotEqual(ScreeningRuleIds.Flag, screened.ScreenRule);
            }
        }

        // Valued pollutants of the capture by flag: every flag the mapping names but S and B; a third sent without a flag.
        Assert.Equal(
            [("(none)", 311_331), ("C", 375), ("D", 15_713), ("F", 2_008), ("M", 2_986), ("N", 438_471), ("T", 1_840)],
            seen.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        Assert.Equal((375 + 15_713 + 2_008 + 1_840, 2_986), (invalid, suspect));
    }

    private static IEnumerable<Reading> CaptureReadings()
    {
        byte[] chunk = new byte[8192];
        foreach (string file in Directory.GetFiles(SharedData.PathOf("hj212", "capture-2016-08-24"), "*.h212.gz").Order(StringComparer.Ordinal))
        {
            var scanner = new FrameScanner(FramingOptions.Default);
            using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            int read;
            var messages = new List<Hj212Message>();
            while ((read = input.Read(chunk)) > 0)
            {
                scanner.Append(chunk.AsSpan(0, read));
                Drain(scanner, false, messages);
                foreach (Reading r in messages.SelectMany(ReadingsOf))
                {
                    yield return r;
                }

                messages.Clear();
            }

            Drain(scanner, true, messages);
            foreach (Reading r in messages.SelectMany(ReadingsOf))
            {
                yield return r;
            }
        }
    }

    private static void Drain(FrameScanner scanner, bool completed, List<Hj212Message> messages)
    {
        while (scanner.TryNext(completed, out ScannedItem? item))
        {
            if (item.DataSegment is not null && MessageParser.Parse(item.DataSegment, MessageParseOptions.Default) is { Success: true } parsed)
            {
                messages.Add(parsed.Message);
            }
        }
    }

    private static IEnumerable<Reading> ReadingsOf(Hj212Message message)
    {
        DateTimeOffset time = message.Data.DataTime ?? DateTimeOffset.UnixEpoch;
        foreach (PollutantData pollutant in message.Data.Pollutants)
        {
            if ((pollutant[ValueSuffix.Rtd] ?? pollutant[ValueSuffix.Avg]) is decimal value)
            {
                Parameter? parameter = ParameterCatalogue.FindWireCode(pollutant.Code, legacyEdition: true);
                yield return new Reading(message.DeviceId, parameter?.Code ?? pollutant.Code, ReadingKind.RealTime, time, value,
                    parameter?.DefaultUnit ?? Unit.Unspecified, pollutant.Flag, true);
            }
        }
    }
}
