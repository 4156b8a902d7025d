namespace DlPath.Course.Review.Bank;

/// <summary>How a card is asked and checked.</summary>
public enum CardKind
{
    /// <summary>Open question, self-graded Again / Hard / Good / Easy.</summary>
    Recall,

    /// <summary>Multiple choice, checked against the one correct option.</summary>
    Choice,

    /// <summary>Numeric question with fresh numbers each time, checked exactly.</summary>
    Generated,
}
