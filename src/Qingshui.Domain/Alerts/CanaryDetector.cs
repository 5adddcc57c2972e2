using System.Numerics;

namespace Qingshui.Domain.Alerts;

/// <summary>
/// One series' statistical event detector, after EPA CANARY: each value is predicted from the history window by linear
/// prediction coefficients (LPCF), the residual is standardised by the history's spread, a residual beyond the outlier
/// threshold is an outlier (kept out of the history), and an event is declared when the outliers in the last
/// <see cref="CanarySettings.Window"/> steps pass the binomial test (BED).
/// </summary>
/// <remarks>
/// Smooth cycles (diurnal DO and pH) and slow drifts are predicted by the linear filter, so their residuals stay small;
/// a sudden shift is not, and keeps being an outlier until the event timeout takes the new level into the history.
/// Deterministic; a step allocates nothing once the detector exists.
/// </remarks>
public sealed class CanaryDetector
{
    private const int MaxOrder = 8;
    private readonly CanarySettings _settings;
    private readonly double[] _cdf;
    private readonly double[] _history;
    private readonly double[] _recent;
    private readonly ulong _mask;
    private int _count;
    private int _head;
    private int _recentCount;
    private ulong _outliers;
    private int _eventSteps;

    /// <summary>A detector with no history yet.</summary>
    public CanaryDetector(CanarySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _cdf = settings.CumulativeBinomial();
        _history = new double[settings.History];
        _recent = new double[settings.Window];
        _mask = settings.Window >= 64 ? ulong.MaxValue : (1UL << settings.Window) - 1;
    }

    /// <summary>The last step's standardised residual (0 while the history fills).</summary>
    public double LastResidual { get; private set; }

    /// <summary>Takes the next value; returns whether the series is in an event after it.</summary>
    public bool Step(double value)
    {
        Remember(value);
        if (_count < _settings.History)
        {
            Add(value);
            LastResidual = 0;
            return false;
        }

        // The history oldest first, normalised, in one contiguous block: the sums below then run without index arithmetic.
        Span<double> z = _count <= 512 ? stackalloc double[_count] : new double[_count];
        (double mean, double spread) = Normalised(z);
        double predicted = mean + (spread * Predict(z));
        double residual = (value - predicted) / spread;
        LastResidual = residual;
        bool outlier = Math.Abs(value - predicted) >= _settings.Precision && Math.Abs(residual) > _settings.OutlierThreshold;
        if (!outlier)
        {
            Add(value);
        }

        _outliers = ((_outliers << 1) | (outlier ? 1UL : 0UL)) & _mask;
        bool inEvent = _cdf[BitOperations.PopCount(_outliers)] >= _settings.EventThreshold;
        _eventSteps = inEvent ? _eventSteps + 1 : 0;
        if (_eventSteps >= _settings.EventTimeout)
        {
            // CANARY's event timeout: the new level has lasted, so it becomes the baseline.
            for (int i = 0; i < _recentCount; i++)
            {
                Add(_recent[(_recentCount - 1 - i + _recent.Length) % _recent.Length]);
            }

            _outliers = 0;
            _eventSteps = 0;
        }

        return inEvent;
    }

    private void Remember(double value)
    {
        Array.Copy(_recent, 0, _recent, 1, _recent.Length - 1);
        _recent[0] = value;
        _recentCount = Math.Min(_recentCount + 1, _recent.Length);
    }

    private void Add(double value)
    {
        _history[_head] = value;
        _head = (_head + 1) % _history.Length;
        _count = Math.Min(_count + 1, _history.Length);
    }

    private (double Mean, double Spread) Normalised(Span<double> z)
    {
        int first = _count < _history.Length ? 0 : _head;
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            int at = first + i;
            z[i] = _history[at >= _history.Length ? at - _history.Length : at];
            sum += z[i];
        }

        double mean = sum / z.Length, squares = 0;
        foreach (double x in z)
        {
            squares += (x - mean) * (x - mean);
        }

        // A flat history has no spread: the instrument's resolution stands in, so one step of it is not an infinite residual.
        double spread = Math.Max(Math.Sqrt(squares / (z.Length - 1)), _settings.Precision);
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - mean) / spread;
        }

        return (mean, spread);
    }

    /// <summary>The next normalised value predicted by autoregression (Yule–Walker equations solved by Levinson–Durbin).</summary>
    private double Predict(ReadOnlySpan<double> z)
    {
        int order = Math.Min(_settings.Order, MaxOrder);
        int n = z.Length;
        Span<double> r = stackalloc double[MaxOrder + 1];
        for (int lag = 0; lag <= order; lag++)
        {
            double sum = 0;
            for (int i = lag; i < n; i++)
            {
                sum += z[i] * z[i - lag];
            }

            r[lag] = sum / n;
        }

        Span<double> a = stackalloc double[MaxOrder + 1];
        Span<double> previous = stackalloc double[MaxOrder + 1];
        a.Clear();
        double error = r[0];
        for (int m = 1; m <= order && error > 1e-12; m++)
        {
            double k = r[m];
            for (int j = 1; j < m; j++)
            {
                k -= a[j] * r[m - j];
            }

            k /= error;
            a.CopyTo(previous);
            a[m] = k;
            for (int j = 1; j < m; j++)
            {
                a[j] = previous[j] - (k * previous[m - j]);
            }

            error *= 1 - (k * k);
        }

        double prediction = 0;
        for (int j = 1; j <= order; j++)
        {
            prediction += a[j] * z[n - j];
        }

        return prediction;
    }
}
