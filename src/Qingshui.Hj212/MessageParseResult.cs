using System.Diagnostics.CodeAnalysis;

namespace Qingshui.Hj212;

/// <summary>Either a message or the reason it could not be read; never both.</summary>
public readonly struct MessageParseResult
{
    private MessageParseResult(Hj212Message? message, MessageError? error)
    {
        Message = message;
        Error = error;
    }

    /// <summary>The message, when parsing succeeded.</summary>
    public Hj212Message? Message { get; }

    /// <summary>Why the data segment could not be read, when it failed.</summary>
    public MessageError? Error { get; }

    /// <summary>Whether a message was read.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Message is not null;

    internal static MessageParseResult Ok(Hj212Message message) => new(message, null);

    internal static MessageParseResult Fail(MessageError error) => new(null, error);

    internal static MessageParseResult Fail(MessageErrorReason reason, int offset, ReadOnlySpan<byte> text) =>
        new(null, new MessageError(reason, offset, ByteText.Escape(text)));
}
