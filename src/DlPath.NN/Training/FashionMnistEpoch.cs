namespace DlPath.NN;

/// <summary>One finished epoch of <see cref="FashionMnistTraining.Run"/>, as reported to its progress sink.</summary>
/// <param name="Epoch">The epoch, 1-based.</param>
/// <param name="Epochs">The epochs asked for.</param>
/// <param name="TrainSeconds">Seconds of the training loop (the script's <c>epoch_seconds</c>; evaluation not included).</param>
/// <param name="TrainLoss">Mean training loss over the epoch.</param>
/// <param name="TestLoss">Mean loss on the test set after the epoch.</param>
/// <param name="TestAccuracy">Test accuracy after the epoch (the script's <c>test_acc</c>).</param>
public sealed record FashionMnistEpoch(int Epoch, int Epochs, double TrainSeconds, double TrainLoss, double TestLoss, double TestAccuracy);
