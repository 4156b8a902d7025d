namespace DlPath.Course.Review.Generators;

/// <summary>Makes generated numeric cards: the same kind of question with fresh numbers each time.</summary>
public interface INumericGenerator
{
    /// <summary>Stable id referenced from the bank files (<c>G: conv2d-output-shape</c>).</summary>
    string Id { get; }

    /// <summary>A one-line description for listings.</summary>
    string Title { get; }

    /// <summary>Draws new numbers from <paramref name="random"/> and builds the question.</summary>
    GeneratedQuestion Generate(Random random);
}
