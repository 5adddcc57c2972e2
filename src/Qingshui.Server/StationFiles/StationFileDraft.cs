using Qingshui.Storage.StationFiles;

namespace Qingshui.Server.StationFiles;

/// <summary>A file a station finished sending, to be kept once its packet is decided: its metadata (no attachment id yet) and content.</summary>
internal sealed record StationFileDraft(StationFile File, byte[] Content);
