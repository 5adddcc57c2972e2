namespace Qingshui.Simulation;

/// <summary>
/// Plausible surface-water series for the nine parameters national automatic stations measure: seasonal water
/// temperature, diurnal dissolved oxygen and pH (photosynthesis by day, respiration by night), and rain events that
/// raise turbidity, CODMn, NH3-N, TP and TN while diluting conductivity. Deterministic in (seed, station, time).
/// </summary>
public sealed class SurfaceWaterModel(ulong seed)
{
    /// <summary>The codes produced, in upload order.</summary>
    public static IReadOnlyList<string> Codes { get; } = ["w01010", "w01001", "w01009", "w01014", "w01003", "w01019", "w21003", "w21011", "w21001"];

    /// <summary>Decimal places the instruments report (HJ 212 value resolution), by code.</summary>
    private static readonly int[] Decimals = [1, 2, 2, 1, 1, 2, 3, 3, 2];

    /// <summary>Values at a time (in the station's local time), in the order of <see cref="Codes"/>.</summary>
    public decimal[] ValuesAt(int station, DateTimeOffset time, StationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        long hourTick = time.ToUnixTimeSeconds() / 3600;
        double dayOfYear = time.DayOfYear + (time.Hour / 24.0);
        double hour = time.Hour + (time.Minute / 60.0);
        double rain = RainIntensity(station, hourTick);
        double episode = (profile.PollutedMonths.Contains(time.Month) ? 1.0 : 0.0) + (profile.Pulse?.At(time) ?? 0);
        double load = profile.Load * (1 + (0.15 * Normal(station, hourTick, 1)));
        double washIn = rain * profile.RainSensitivity;

        // Water temperature: coldest mid-January, warmest late July, ±1 °C over the day.
        double temperature = 18 - (10 * Math.Cos(2 * Math.PI * (dayOfYear - 20) / 365.25)) + Math.Sin(2 * Math.PI * (hour - 9) / 24) + (0.2 * Normal(station, hourTick, 2));
        double saturation = 14.62 - (0.3898 * temperature) + (0.006969 * temperature * temperature) - (0.00005897 * temperature * temperature * temperature);
        double photosynthesis = Math.Sin(2 * Math.PI * (hour - 8) / 24);
        double oxygen = (saturation * (0.92 - (0.08 * (load - 1)) - (0.1 * episode))) + (0.8 * photosynthesis) - (0.6 * washIn) + (0.15 * Normal(station, hourTick, 3));
        double ph = 7.45 + (0.25 * photosynthesis) - (0.1 * washIn) + (0.05 * Normal(station, hourTick, 4));
        double conductivity = (260 * (0.8 + (0.2 * load))) / (1 + (0.8 * washIn)) + (5 * Normal(station, hourTick, 5));
        double turbidity = (8 * load) + (120 * washIn) + (2 * Math.Abs(Normal(station, hourTick, 6)));
        double permanganate = (2.6 * load) + (2.5 * washIn) + (2.8 * episode) + (0.2 * Normal(station, hourTick, 7));
        double ammonia = (0.28 * load) + (0.7 * washIn) + (0.9 * episode) + (0.04 * Normal(station, hourTick, 8));
        double phosphorus = (0.075 * load) + (0.16 * washIn) + (0.16 * episode) + (0.008 * Normal(station, hourTick, 9));
        double nitrogen = (1.4 * load) + (1.2 * washIn) + (1.1 * episode) + (0.1 * Normal(station, hourTick, 10));

        double[] raw = [temperature, ph, Math.Max(oxygen, 0.5), conductivity, turbidity, permanganate, ammonia, phosphorus, nitrogen];
        var values = new decimal[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            double bounded = i is 0 or 1 ? raw[i] : Math.Max(raw[i], Math.Pow(10, -Decimals[i]));
            values[i] = Math.Round((decimal)bounded, Decimals[i], MidpointRounding.ToEven);
        }

        return values;
    }

    /// <summary>
    /// Rain washing pollutants in, 0 (dry) upwards: each day may start a storm (likelier from April to August) whose
    /// effect peaks a few hours later and fades over about two days.
    /// </summary>
    private double RainIntensity(int station, long hourTick)
    {
        double intensity = 0;
        long day = hourTick / 24;
        for (long d = day - 3; d <= day; d++)
        {
            // Storms fall on the whole basin: the station only shifts their arrival by a few hours.
            double chance = 0.12 + (0.1 * Math.Sin(2 * Math.PI * (((d % 365) + 365) % 365 - 80) / 365.25));
            if (DeterministicNoise.Uniform(seed, 0, d, 100) >= chance)
            {
                continue;
            }

            double strength = 0.3 + (1.2 * DeterministicNoise.Uniform(seed, 0, d, 101));
            long start = (d * 24) + (long)(24 * DeterministicNoise.Uniform(seed, 0, d, 102)) + (station % 4);
            double hours = hourTick - start;
            if (hours >= 0)
            {
                intensity += strength * (hours / 6.0) * Math.Exp(1 - (hours / 6.0));
            }
        }

        return intensity;
    }

    private double Normal(int station, long tick, int channel) => DeterministicNoise.Normal(seed, station, tick, channel);
}
