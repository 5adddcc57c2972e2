using Qingshui.Domain.Readings;
using Qingshui.Hj212;

namespace Qingshui.Server.Ingest;

/// <summary>A plain data upload as <see cref="PlainUploadReader"/> read it.</summary>
/// <param name="Header">The header fields as a message with an empty data area: enough to answer it and to route commands.</param>
/// <param name="Kind">The readings' kind, from CN.</param>
/// <param name="DataTime">DataTime, in the station's offset.</param>
/// <param name="Readings">Its readings, as <see cref="ReadingMapper.Map"/> makes them from the parsed message.</param>
internal readonly record struct PlainUpload(Hj212Message Header, ReadingKind Kind, DateTimeOffset DataTime, IReadOnlyList<Reading> Readings);
