namespace Qingshui.Simulation;

/// <summary>Noise that depends only on its inputs (seed, station, time, channel), so a series is the same however it is generated.</summary>
internal static class DeterministicNoise
{
    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(ulong seed, int station, long tick, int channel)
    {
        ulong x = seed ^ ((ulong)(uint)station * 0x9E3779B97F4A7C15UL) ^ ((ulong)tick * 0xBF58476D1CE4E5B9UL) ^ ((ulong)(uint)channel * 0x94D049BB133111EBUL);
        return (Mix(x) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Standard normal (Box–Muller on two uniforms).</summary>
    public static double Normal(ulong seed, int station, long tick, int channel)
    {
        double u1 = Math.Max(Uniform(seed, station, tick, channel * 2), 1e-12);
        double u2 = Uniform(seed, station, tick, (channel * 2) + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    // splitmix64 finaliser.
    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
