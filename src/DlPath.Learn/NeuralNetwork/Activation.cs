namespace DlPath.Learn.NeuralNetwork;

/// <summary>Hidden-layer activation of <see cref="MlpClassifier"/>.</summary>
public enum Activation
{
    /// <summary>max(0, z) (scikit-learn's default).</summary>
    Relu,

    /// <summary>σ(z) = 1 / (1 + e^−z), the course's choice.</summary>
    Logistic,

    /// <summary>tanh(z).</summary>
    Tanh,
}
