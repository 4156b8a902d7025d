namespace DlPath.Course.Review.Scheduling;

/// <summary>One card's history for the optimizer: ratings with whole days since the previous review.</summary>
/// <param name="CardId">The card.</param>
/// <param name="Ratings">Ratings in time order.</param>
/// <param name="ElapsedDays">Whole days before each review (0 for the first and for same-day reviews).</param>
/// <param name="Targets">How many reviews are predicted (those on a later day).</param>
internal sealed record ReviewSequence(string CardId, Rating[] Ratings, int[] ElapsedDays, int Targets);
