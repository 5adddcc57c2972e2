namespace Qingshui.Storage.Assessment;

/// <summary>
/// A count several threads add to at once, each mostly on its own cache line: one shared Interlocked counter would make
/// the scan's threads take turns on it for every value they leave out.
/// </summary>
internal sealed class StripedCounter
{
    private const int Stripes = 16, Spacing = 16; // 16 longs: 128 bytes, two cache lines apart
    private readonly long[] _counts = new long[Stripes * Spacing];

    public void Increment() => Interlocked.Increment(ref _counts[(Environment.CurrentManagedThreadId & (Stripes - 1)) * Spacing]);

    public long Value
    {
        get
        {
            long total = 0;
            for (int i = 0; i < Stripes; i++)
            {
                total += Interlocked.Read(ref _counts[i * Spacing]);
            }

            return total;
        }
    }
}
