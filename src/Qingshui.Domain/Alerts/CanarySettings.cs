namespace Qingshui.Domain.Alerts;

/// <summary>The parameters of a statistical event detector (EPA CANARY's LPCF algorithm and binomial event discriminator).</summary>
/// <param name="History">Values kept to normalise and predict from (CANARY's history window, e.g. 72 steps).</param>
/// <param name="Order">Linear prediction coefficients used (autoregressive order, 1–8).</param>
/// <param name="OutlierThreshold">A standardised residual beyond this many standard deviations makes the step an outlier.</param>
/// <param name="Precision">Differences from the prediction smaller than this (in the value's unit) never count: the instrument's resolution.</param>
/// <param name="Window">Steps the binomial test counts outliers over (2–64).</param>
/// <param name="OutlierProbability">The chance of an outlier under normal operation.</param>
/// <param name="EventThreshold">The binomial probability at or above which an event is declared.</param>
/// <param name="EventTimeout">Steps of event after which the history takes in the new level, so a lasting change stops alarming.</param>
public sealed record CanarySettings(
    int History, int Order, double OutlierThreshold, double Precision, int Window, double OutlierProbability, double EventThreshold, int EventTimeout)
{
    /// <summary>Defaults that keep diurnal DO and pH cycles quiet and catch a sudden shift within a few hours of hourly data.</summary>
    public static CanarySettings Default { get; } = new(72, 3, 4.0, 0.01, 6, 0.5, 0.95, 24);

    /// <summary>
    /// P(X ≤ k) for X ~ Binomial(<see cref="Window"/>, <see cref="OutlierProbability"/>), for k = 0…Window: how unlikely it is to see
    /// no more than k outliers by chance. CANARY's BED declares an event when this reaches <see cref="EventThreshold"/>.
    /// </summary>
    public double[] CumulativeBinomial()
    {
        var cdf = new double[Window + 1];
        double sum = 0;
        for (int k = 0; k <= Window; k++)
        {
            sum += Choose(Window, k) * Math.Pow(OutlierProbability, k) * Math.Pow(1 - OutlierProbability, Window - k);
            cdf[k] = Math.Min(sum, 1.0);
        }

        return cdf;
    }

    private static double Choose(int n, int k)
    {
        double result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }
}
