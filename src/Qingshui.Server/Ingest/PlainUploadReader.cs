using System.Buffers.Text;
using System.Text;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Reads a plain data upload (CN 2011, 2031, 2051 or 2061) straight from its data segment into readings, walking it with
/// the codec's span readers instead of building the message's data area.
/// </summary>
/// <remarks>
/// Plain means what nearly every upload is: the registered station's MN and password, a well-formed header without
/// PNUM/PNO, the Flag version of the station's edition, one valid DataTime, and no item the full parser would skip with
/// a warning. Anything else answers <c>false</c>, and the packet takes the full path (<see cref="MessageParser"/>),
/// which judges it; so the readings, the reply and every verdict are the same whichever path a packet takes.
/// </remarks>
internal static class PlainUploadReader
{
    // More pollutants than this in one upload is unusual enough for the full path.
    private const int MaxPollutants = 32;

    public static bool TryRead(ReadOnlySpan<byte> segment, Station station, string deviceId, ReadingMarks marks, out PlainUpload upload)
    {
        upload = default;

        // A NUL anywhere is the full parser's to judge: refused as NulCharacter, or let through in QN and ST.
        if (segment.Contains((byte)0)
            || !DataAreaReader.TryCreate(segment, out ReadOnlySpan<byte> headerText, out DataAreaReader items)
            || station.Password is not string password
            || !TryReadHeader(headerText, password, out PlainHeader header)
            || ReadingMapper.KindOf(header.Command) is not ReadingKind kind
            || !MatchesEdition(header, EditionProfile.For(StationRegister.EditionOf(station))))
        {
            return false;
        }

        Span<PollutantSlot> slots = stackalloc PollutantSlot[MaxPollutants];
        if (!TryReadItems(segment, items, station.UtcOffset, slots, out int count, out DateTimeOffset dataTime))
        {
            return false;
        }

        var message = new Hj212Message(
            header.RequestId, header.SystemCode, header.Command, password, deviceId, header.Flag, null, null, DataArea.Empty);
        upload = new PlainUpload(message, kind, dataTime, Readings(segment, slots[..count], kind, station, dataTime, marks));
        return true;
    }

    /// <summary>
    /// The header as <see cref="MessageParser"/> reads it; <c>false</c> for whatever it would refuse, for split packets,
    /// and for a PW other than the station's (compared as ASCII: anything else is the full path's to judge).
    /// </summary>
    private static bool TryReadHeader(ReadOnlySpan<byte> text, string stationPassword, out PlainHeader header)
    {
        header = default;
        ReadOnlySpan<byte> systemCode = default, command = default, requestId = default, password = default, deviceId = default;
        bool hasSystemCode = false, hasCommand = false, hasRequestId = false, hasPassword = false, hasDeviceId = false;
        int? flag = null;
        var reader = new HeaderFieldReader(text);
        while (reader.MoveNext())
        {
            ReadOnlySpan<byte> key = reader.Key;
            bool fresh = key switch
            {
                _ when key.IsEmpty => false,
                _ when key.SequenceEqual("QN"u8) => Take(ref hasRequestId, ref requestId, reader.Value),
                _ when key.SequenceEqual("ST"u8) => Take(ref hasSystemCode, ref systemCode, reader.Value),
                _ when key.SequenceEqual("CN"u8) => Take(ref hasCommand, ref command, reader.Value),
                _ when key.SequenceEqual("PW"u8) => Take(ref hasPassword, ref password, reader.Value),
                _ when key.SequenceEqual("MN"u8) => Take(ref hasDeviceId, ref deviceId, reader.Value),
                _ when key.SequenceEqual("Flag"u8) => flag is null && TryReadFlag(reader.Value, out flag),
                _ when key.SequenceEqual("PNUM"u8) || key.SequenceEqual("PNO"u8) => false,
                _ => true,
            };
            if (!fresh)
            {
                return false;
            }
        }

        if (!hasSystemCode || !hasCommand || !hasDeviceId || PlainCommand(command) is not string known
            || !hasPassword || !Ascii.Equals(password, stationPassword))
        {
            return false;
        }

        header = new PlainHeader(hasRequestId ? Encoding.UTF8.GetString(requestId) : null, TextCache.Get(systemCode), known, flag);
        return true;
    }

    private static bool Take(ref bool seen, ref ReadOnlySpan<byte> value, ReadOnlySpan<byte> field)
    {
        if (seen)
        {
            return false;
        }

        seen = true;
        value = field;
        return true;
    }

    private static bool TryReadFlag(ReadOnlySpan<byte> value, out int? flag)
    {
        flag = null;
        foreach (byte b in value)
        {
            if (unchecked((uint)(b - (byte)'0')) > 9)
            {
                return false;
            }
        }

        if (value.IsEmpty || !Utf8Parser.TryParse(value, out int number, out int consumed) || consumed != value.Length || number > 255)
        {
            return false;
        }

        flag = number;
        return true;
    }

    private static string? PlainCommand(ReadOnlySpan<byte> command) => command switch
    {
        _ when command.SequenceEqual("2011"u8) => CommandCode.RealTimeData,
        _ when command.SequenceEqual("2051"u8) => CommandCode.MinuteData,
        _ when command.SequenceEqual("2061"u8) => CommandCode.HourlyData,
        _ when command.SequenceEqual("2031"u8) => CommandCode.DailyData,
        _ => null,
    };

    /// <summary>Whether the edition check would pass it without a warning (QN and Flag as the edition requires them).</summary>
    private static bool MatchesEdition(in PlainHeader header, EditionProfile profile) =>
        (header.RequestId is not null || !profile.RequiresRequestId)
        && (header.Flag is int flag ? flag >> 2 == profile.VersionBits : !profile.RequiresFlag);

    private static bool TryReadItems(
        ReadOnlySpan<byte> segment, DataAreaReader items, TimeSpan utcOffset, Span<PollutantSlot> slots, out int count, out DateTimeOffset dataTime)
    {
        count = 0;
        dataTime = default;
        bool timed = false;
        while (items.MoveNext())
        {
            DataItem item = items.Current;
            switch (item.Kind)
            {
                case DataItemKind.Malformed:
                    return false;
                case DataItemKind.DataTime:
                    if (timed || !Hj212Time.TryParse(item.Value, utcOffset, out dataTime))
                    {
                        return false;
                    }

                    timed = true;
                    break;
                case DataItemKind.Field:
                    break;
                default:
                    int at = FindOrAdd(segment, slots, ref count, item.Code);
                    if (at < 0 || !slots[at].TryTake(segment, item))
                    {
                        return false;
                    }

                    break;
            }
        }

        return timed;
    }

    /// <summary>The slot of a pollutant code, in the order codes first appear (as the parser lists pollutants); -1 when full.</summary>
    private static int FindOrAdd(ReadOnlySpan<byte> segment, Span<PollutantSlot> slots, ref int count, ReadOnlySpan<byte> code)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            if (segment.Slice(slots[i].CodeStart, slots[i].CodeLength).SequenceEqual(code))
            {
                return i;
            }
        }

        if (count == slots.Length)
        {
            return -1;
        }

        segment.Overlaps(code, out int start);
        slots[count] = new PollutantSlot(start, code.Length);
        return count++;
    }

    private static Reading[] Readings(
        ReadOnlySpan<byte> segment, ReadOnlySpan<PollutantSlot> slots, ReadingKind kind, Station station, DateTimeOffset periodStart, ReadingMarks marks)
    {
        int valued = 0;
        foreach (PollutantSlot slot in slots)
        {
            valued += slot.ValueFor(kind) is null ? 0 : 1;
        }

        bool legacy = station.Edition == ProtocolEdition.Hj212V2005;
        var readings = new Reading[valued];
        int next = 0;
        foreach (PollutantSlot slot in slots)
        {
            if (slot.ValueFor(kind) is not decimal value)
            {
                continue;
            }

            string code = TextCache.Get(segment.Slice(slot.CodeStart, slot.CodeLength));
            Parameter? parameter = ParameterCatalogue.FindWireCode(code, legacy);
            string? flag = slot.FlagStart < 0 ? null : TextCache.Get(segment.Slice(slot.FlagStart, slot.FlagLength));
            readings[next++] = new Reading(
                station.DeviceId, parameter?.Code ?? code, kind, periodStart, value, parameter is null ? Unit.Unspecified : station.UnitOf(parameter),
                flag, true, marks, slot.Min, slot.Max);
        }

        return readings;
    }

    private readonly record struct PlainHeader(string? RequestId, string SystemCode, string Command, int? Flag);

    /// <summary>What one pollutant code carries, as <see cref="PollutantData"/> would hold it: later items overwrite earlier ones.</summary>
    private struct PollutantSlot(int codeStart, int codeLength)
    {
        public readonly int CodeStart = codeStart;
        public readonly int CodeLength = codeLength;
        public int FlagStart = -1;
        public int FlagLength;
        public decimal? Rtd;
        public decimal? Avg;
        public decimal? Cou;
        public decimal? Min;
        public decimal? Max;

        /// <summary>The value the mapper takes for <paramref name="kind"/> (<see cref="ReadingMapper.Map"/>).</summary>
        public readonly decimal? ValueFor(ReadingKind kind) => kind == ReadingKind.RealTime ? Rtd ?? Avg : Avg ?? Rtd ?? Cou;

        /// <summary>Takes one item of this code; <c>false</c> for a value that is not a number (the parser's warning).</summary>
        public bool TryTake(ReadOnlySpan<byte> segment, DataItem item)
        {
            if (item.Kind == DataItemKind.Flag)
            {
                segment.Overlaps(item.Value, out int start);
                (FlagStart, FlagLength) = (start, item.Value.Length);
                return true;
            }

            if (item.Kind != DataItemKind.Value)
            {
                return true;
            }

            if (!item.TryGetNumber(out decimal number))
            {
                return false;
            }

            switch (item.ValueSuffix)
            {
                case ValueSuffix.Rtd: Rtd = number; break;
                case ValueSuffix.Avg: Avg = number; break;
                case ValueSuffix.Cou: Cou = number; break;
                case ValueSuffix.Min: Min = number; break;
                case ValueSuffix.Max: Max = number; break;
            }

            return true;
        }
    }
}
