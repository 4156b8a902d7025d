namespace DlPath.NN;

/// <summary>What <see cref="Module.LoadStateDict"/> could not match (<c>_IncompatibleKeys</c>); both empty after a strict load.</summary>
/// <param name="MissingKeys">Keys the model has but the state dict lacks.</param>
/// <param name="UnexpectedKeys">Keys the state dict has but the model lacks.</param>
public sealed record LoadStateDictResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
