namespace Qingshui.Storage;

/// <summary>
/// A storage backend failed. Each backend wraps its driver's exception in this one type. <see cref="IsTransient"/>
/// says whether retrying the same operation may succeed (a busy or locked database, a dropped connection), so retry
/// policy lives in one place rather than in every caller.
/// </summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates the exception.</summary>
    public StoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Whether retrying may succeed.</summary>
    public bool IsTransient { get; }
}
