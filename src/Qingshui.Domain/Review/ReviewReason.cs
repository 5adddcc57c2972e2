using Qingshui.Domain.Network;

namespace Qingshui.Domain.Review;

/// <summary>A reason a review decision may give.</summary>
/// <param name="Code">Its code, as decisions and review CSV files name it.</param>
/// <param name="Name">What it is called.</param>
public sealed record ReviewReason(string Code, LocalizedText Name);
