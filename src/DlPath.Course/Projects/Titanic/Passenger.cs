namespace DlPath.Course.Projects.Titanic;

/// <summary>
/// One row of Kaggle's train.csv or test.csv, validated: numbers parsed, categories checked, missing values
/// kept as null (they are imputed later, and counted, by <see cref="TitanicFeatures"/>).
/// </summary>
/// <param name="PassengerId">Kaggle's id; the submission must list the test ids in the same order.</param>
/// <param name="Survived">0 or 1 in train.csv; null in test.csv (that is what we predict).</param>
/// <param name="Pclass">Ticket class: 1, 2 or 3.</param>
/// <param name="Name">Full name, "Surname, Title. Given names".</param>
/// <param name="Sex">"male" or "female".</param>
/// <param name="Age">Age in years (fractions for babies); null when the file leaves it empty.</param>
/// <param name="SibSp">Siblings and spouses aboard.</param>
/// <param name="Parch">Parents and children aboard.</param>
/// <param name="Ticket">Ticket number as printed; passengers travelling together often share one.</param>
/// <param name="Fare">Price paid for the whole ticket; null when missing.</param>
/// <param name="Cabin">Cabin(s), e.g. "C85" or "B57 B59"; null for most third-class passengers.</param>
/// <param name="Embarked">Port: "C" Cherbourg, "Q" Queenstown, "S" Southampton; null when missing.</param>
/// <param name="Line">The 1-based line of the CSV file the row starts on, for messages.</param>
public sealed record Passenger(
    int PassengerId,
    int? Survived,
    int Pclass,
    string Name,
    string Sex,
    double? Age,
    int SibSp,
    int Parch,
    string Ticket,
    double? Fare,
    string? Cabin,
    string? Embarked,
    int Line);
