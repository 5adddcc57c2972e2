namespace Qingshui.Domain.Compensation;

/// <summary>Nets transfers: per pair of parties, and from net positions to pairwise payments.</summary>
public static class Netting
{
    /// <summary>One transfer per pair of parties: what A owes B minus what B owes A, in the direction that remains (pairs that cancel out are left out).</summary>
    public static IReadOnlyList<Transfer> PerPair(IEnumerable<Transfer> transfers)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        var balances = new SortedDictionary<(string, string), decimal>();
        foreach (Transfer t in transfers)
        {
            bool ordered = string.CompareOrdinal(t.Payer, t.Payee) < 0;
            (string, string) key = ordered ? (t.Payer, t.Payee) : (t.Payee, t.Payer);
            balances[key] = balances.GetValueOrDefault(key) + (ordered ? t.Amount : -t.Amount);
        }

        return balances.Where(b => b.Value != 0)
            .Select(b => b.Value > 0
                ? new Transfer(b.Key.Item1, b.Key.Item2, b.Value, TransferBasis.Net, "net")
                : new Transfer(b.Key.Item2, b.Key.Item1, -b.Value, TransferBasis.Net, "net"))
            .ToArray();
    }

    /// <summary>Pairwise payments that settle net positions: each net payer pays each net receiver in proportion to what the receiver is owed.</summary>
    public static IReadOnlyList<Transfer> FromPositions(IReadOnlyDictionary<string, decimal> net, TransferBasis basis, string detail)
    {
        ArgumentNullException.ThrowIfNull(net);
        decimal owed = net.Values.Where(v => v > 0).Sum();
        var transfers = new List<Transfer>();
        foreach ((string payer, decimal position) in net.Where(n => n.Value < 0).OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            foreach ((string payee, decimal receivable) in net.Where(n => n.Value > 0).OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                decimal amount = Money.RoundToFen(-position * receivable / owed);
                if (amount > 0)
                {
                    transfers.Add(new Transfer(payer, payee, amount, basis, detail));
                }
            }
        }

        return transfers;
    }
}
