namespace DlPath.Learn;

/// <summary>
/// Marks a public settable property as a hyper-parameter (scikit-learn's constructor arguments):
/// <see cref="Estimator.GetParams"/> lists it, <see cref="Estimator.SetParams"/> writes it and
/// <see cref="Estimator.Clone"/> copies it into a fresh, unfitted estimator.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class HyperParameterAttribute : Attribute
{
}
