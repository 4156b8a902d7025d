using DlPath.Course.Review.Bank;

namespace DlPath.Course.Review.Sessions;

/// <summary>How well one topic is held in memory.</summary>
/// <param name="Area">The area of the topic.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Cards">Cards in the bank for this topic.</param>
/// <param name="Reviewed">Cards of it reviewed at least once.</param>
/// <param name="MeanRetrievability">Mean predicted recall now over the reviewed cards (0 if none).</param>
/// <param name="Retention">Share of its later-day reviews recalled (not Again); null without such reviews.</param>
public sealed record TopicStrength(Area Area, string Topic, int Cards, int Reviewed, double MeanRetrievability, double? Retention);
