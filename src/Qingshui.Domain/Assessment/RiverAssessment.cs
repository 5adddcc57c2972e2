namespace Qingshui.Domain.Assessment;

/// <summary>A river or basin judged from its sections.</summary>
/// <param name="Grade">The qualitative grade; <c>null</c> when no section was determined.</param>
/// <param name="Method">Mean concentrations (fewer than five sections) or class shares.</param>
/// <param name="Sections">How many sections were determined (had a class).</param>
/// <param name="ClassShares">Share of determined sections in each class (0–1).</param>
/// <param name="MeanAssessment">With fewer than five sections: the evaluation of the mean concentrations.</param>
/// <param name="MainPollutants">With class shares: up to three items by section exceedance rate; otherwise those of the mean evaluation.</param>
public sealed record RiverAssessment(
    QualityGrade? Grade, RiverMethod Method, int Sections, IReadOnlyDictionary<WaterClass, decimal> ClassShares,
    SectionAssessment? MeanAssessment, IReadOnlyList<RiverPollutant> MainPollutants)
{
    /// <summary>P(Ⅰ–Ⅲ): share of sections meeting Class Ⅲ or better.</summary>
    public decimal ShareIToIII => ClassShares.Where(s => s.Key <= WaterClass.III).Sum(s => s.Value);

    /// <summary>P(劣Ⅴ).</summary>
    public decimal ShareWorseThanV => ClassShares.GetValueOrDefault(WaterClass.WorseThanV);
}

/// <summary>How a river was judged.</summary>
public enum RiverMethod
{
    /// <summary>Fewer than five sections: the mean of each item over the sections, judged like one section.</summary>
    MeanConcentration,

    /// <summary>Five or more sections: the shares of sections per class.</summary>
    ClassShares,
}

/// <summary>A river's main pollutant: an item and the share of sections where it exceeds Class Ⅲ.</summary>
/// <param name="Item">The item.</param>
/// <param name="ExceedanceRate">Sections exceeding ÷ sections evaluated (0–1).</param>
public sealed record RiverPollutant(StandardItem Item, decimal ExceedanceRate);
