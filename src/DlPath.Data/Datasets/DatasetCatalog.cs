namespace DlPath.Data.Datasets;

/// <summary>
/// The datasets DlPath can download, with each file's public origin and checksum. Origins are pinned to a
/// commit or tag so a checksum stays valid; the checksums of the course, Titanic and scikit-learn files are
/// those of the copies in the project's shared test data, whose provenance is recorded there.
/// </summary>
public static class DatasetCatalog
{
    private const string EverpeaceBase = "https://raw.githubusercontent.com/everpeace/ml-class-assignments/4dbb6e91b2268d83e09885903529486c117f07a0/";
    private const string DibgergeBase = "https://raw.githubusercontent.com/dibgerge/ml-coursera-python-assignments/d901c1ca71766bda9d5994af4a27a44f82ae3ae5/";
    private const string TitanicBase = "https://raw.githubusercontent.com/youhongshen/titanic/3b87948f9391bf3ff92c7c9ae4e635a9224c23a1/data/";
    private const string ZalandoBase = "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/";
    private const string SklearnBase = "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.2.1/sklearn/datasets/data/";

    /// <summary>Zalando's Fashion-MNIST (the four gzipped IDX files; SHA-256 of the files Zalando publishes).</summary>
    public static DatasetInfo FashionMnist { get; } = new(
        "fashion-mnist",
        "Zalando Fashion-MNIST: 70,000 28x28 grey clothing images, 10 classes",
        "github.com/zalandoresearch/fashion-mnist (MIT licence, (c) 2017 Zalando SE)",
        [
            new("train-images-idx3-ubyte.gz", ZalandoBase + "train-images-idx3-ubyte.gz", 26_421_880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            new("train-labels-idx1-ubyte.gz", ZalandoBase + "train-labels-idx1-ubyte.gz", 29_515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            new("t10k-images-idx3-ubyte.gz", ZalandoBase + "t10k-images-idx3-ubyte.gz", 4_422_102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            new("t10k-labels-idx1-ubyte.gz", ZalandoBase + "t10k-labels-idx1-ubyte.gz", 5_148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"),
        ],
        // Debian's dataset-fashion-mnist package; its files are re-compressed, so their bytes (not their
        // contents) differ from Zalando's and the checksums above apply to downloads only.
        ["/usr/share/datasets/fashion-mnist"]);

    /// <summary>Kaggle's Titanic competition files, from a public mirror of the original CSVs (CRLF line ends).</summary>
    public static DatasetInfo Titanic { get; } = new(
        "titanic",
        "Kaggle Titanic: 891 training and 418 test passengers",
        "Kaggle 'Titanic - Machine Learning from Disaster' competition data, mirrored at github.com/youhongshen/titanic",
        [
            new("train.csv", TitanicBase + "train.csv", 61_194, "7d118fef8b6ccf7f81111877bc388536f7b1e498a655e3d649d19aaa010e9f6f"),
            new("test.csv", TitanicBase + "test.csv", 28_629, "56023b9948236f3c7a1c9448fcf418b283e109ef177fa8c7e069158dd7dd52b2"),
            new("gender_submission.csv", TitanicBase + "gender_submission.csv", 3_258, "7a262a7f4cb807f53911dccc84257ed3976b21b7b50ffc468b58446bff8bb6a4"),
        ],
        []);

    /// <summary>
    /// The original data files of Andrew Ng's ML course exercises ex1-ex8, laid out as <c>exN/FILE</c>. The
    /// three large files (the 5000 20x20 digits of ex3/ex4 and ex7's faces) are optional extras, verified
    /// by their git blob ids.
    /// </summary>
    public static DatasetInfo MlCourse { get; } = new(
        "ml-course",
        "Andrew Ng's Machine Learning course: the exercises' original data files (ex1-ex8)",
        "course material of Stanford/Coursera ML (c) the course authors; mirrored at github.com/everpeace/ml-class-assignments and github.com/dibgerge/ml-coursera-python-assignments",
        [
            new("ex1/ex1data1.txt", EverpeaceBase + "ex1.Linear_Regression/mlclass-ex1/ex1data1.txt", 1_359, "e69559fac1a2f68f704222629e603299bfa8aabfd88e81225e52e125484764a0"),
            new("ex1/ex1data2.txt", EverpeaceBase + "ex1.Linear_Regression/mlclass-ex1/ex1data2.txt", 657, "c19f8051a03d4b73be5bb9a60ace1c2f24adba2947cc0028e0f184d5680d4d21"),
            new("ex2/ex2data1.txt", EverpeaceBase + "ex2.Logistic_Regression/mlclass-ex2/ex2data1.txt", 3_775, "ed7298995232c17a7f1bc50c9807cb7216337563e4a7c00bfcaa8f5d6bd32f02"),
            new("ex2/ex2data2.txt", EverpeaceBase + "ex2.Logistic_Regression/mlclass-ex2/ex2data2.txt", 2_233, "5d1fb3eca1b6328375375f5da8980f3458f1c727da4c1ca6e9163fc23b6ddcbc"),
            new("ex3/ex3weights.mat", EverpeaceBase + "ex3.Multi-class_classification_and_Neural_Networks/mlclass-ex3/ex3weights.mat", 79_592, "7eb93f42e50219a15de2378c7f8e4ecdd71005fc19e0e519cd52d5ce4d74e1f5"),
            new("ex4/ex4weights.mat", EverpeaceBase + "ex4.Neural_Network_Learning/mlclass-ex4/ex4weights.mat", 79_592, "7eb93f42e50219a15de2378c7f8e4ecdd71005fc19e0e519cd52d5ce4d74e1f5"),
            new("ex5/ex5data1.mat", EverpeaceBase + "ex5.Regularized_Linear_Regression_and_Bias-Variance/mlclass-ex5/ex5data1.mat", 1_321, "4d48a9f7196c9367de427c5a52c40902b664104cbcc21b45a02523da097d29f6"),
            new("ex6/ex6data1.mat", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/ex6data1.mat", 981, "9353dfe2fa619fb0cb5cc1cd2bb85215728e54c2f7d7fad8a080cfa7e0088947"),
            new("ex6/ex6data2.mat", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/ex6data2.mat", 7_604, "2923df9a76f1c922e99b2cd51a4410eb11dc89334b68acb2202d4d96227ab724"),
            new("ex6/ex6data3.mat", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/ex6data3.mat", 6_038, "1218828095bf91d215622d00b2a5b8784c359e29d9d9c5734949b8e60c5bc231"),
            new("ex6/spamTrain.mat", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/spamTrain.mat", 428_814, "0a3cd4b24216f9570e868ac5655309d9a1c3c09a86106accc53d7e2c1088a57d"),
            new("ex6/spamTest.mat", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/spamTest.mat", 112_717, "408de039b59570868ff44aea6b9ebc8af45a21685d1155b4edab6c8178c93731"),
            new("ex6/vocab.txt", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/vocab.txt", 20_240, "91e42a41b7a40759dca8bf5ad09cb90625405c37f4a93b3f77c1dcacdc46324e"),
            new("ex6/emailSample1.txt", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/emailSample1.txt", 393, "121826570a33d58be9098be58af906c31af1e9056bf0e0d2222fdd6948b04a79"),
            new("ex6/emailSample2.txt", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/emailSample2.txt", 1_301, "0ee5440e1d74b1f8ebf7a3adb12f2c51966650825c4f64e6c22e10c95374c4f7"),
            new("ex6/spamSample1.txt", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/spamSample1.txt", 655, "731bc9b6a4b18b5f9e3689e62ddc5bc61ecbaeb674dd803aa420923232bdeb63"),
            new("ex6/spamSample2.txt", EverpeaceBase + "ex6.Support_Vector_Machines/mlclass-ex6/spamSample2.txt", 245, "291c38518af649b7c78ef896866ee063aa2da20dab1f2e7c75cdf36e7ce9dd9d"),
            new("ex7/ex7data1.mat", EverpeaceBase + "ex7.K-Means_Clustering_and_PCA/mlclass-ex7/ex7data1.mat", 995, "5d721742c31c9250e48e80e90472cb5f09ad280a0d93c766ec2559237033a096"),
            new("ex7/ex7data2.mat", EverpeaceBase + "ex7.K-Means_Clustering_and_PCA/mlclass-ex7/ex7data2.mat", 4_784, "5acacf8399936b92b011e2af74473add8fbb66eaca500666e6eabdc61db7d991"),
            new("ex7/bird_small.png", EverpeaceBase + "ex7.K-Means_Clustering_and_PCA/mlclass-ex7/bird_small.png", 33_031, "c94f84c7103fb604a8b5b6df5a1e5e91145c183f6346585edc97d6d1d12648d5"),
            new("ex7/bird_small.mat", DibgergeBase + "Exercise7/Data/bird_small.mat", 45_606, "2689a7b83cbe39dbbe3330ba92de8c13bec69e715c9dd9357dfdacb653ccb1d1"),
            new("ex8/ex8data1.mat", EverpeaceBase + "ex8.Anomaly_Detection_and_Recommender_Systems/mlclass-ex8/ex8data1.mat", 9_501, "5db9006fd34b6836103c4d97b98c045a2fa74d8c9ceb417605f933d23be8bac0"),
            new("ex8/ex8data2.mat", EverpeaceBase + "ex8.Anomaly_Detection_and_Recommender_Systems/mlclass-ex8/ex8data2.mat", 93_481, "62caa57b1f2708272032b28663f942a74aa72ab856a932144ba650fb0240702a"),
            new("ex8/ex8_movies.mat", EverpeaceBase + "ex8.Anomaly_Detection_and_Recommender_Systems/mlclass-ex8/ex8_movies.mat", 223_396, "82f917e1b0f352781ca65f5836694c8ef258e313020e46dc0bf06f004cedf13a"),
            new("ex8/ex8_movieParams.mat", EverpeaceBase + "ex8.Anomaly_Detection_and_Recommender_Systems/mlclass-ex8/ex8_movieParams.mat", 201_196, "06be9c3a1afc2288d1ff20d5a90cdc2eb2095ec566af3768b4cd51b8faf77968"),
            new("ex8/movie_ids.txt", EverpeaceBase + "ex8.Anomaly_Detection_and_Recommender_Systems/mlclass-ex8/movie_ids.txt", 48_444, "6da716ca54b15f95a3c249fbf46a41588ab09cfad2ec9de6ee103f24d96f411e"),
            // Larger than most mirrors' snapshots; only their git blob ids are on record.
            new("ex3/ex3data1.mat", DibgergeBase + "Exercise3/Data/ex3data1.mat", null, null, "371bd0c099fe5f471d01cab15aec6cb2c458f567", Required: false),
            new("ex4/ex4data1.mat", DibgergeBase + "Exercise4/Data/ex4data1.mat", null, null, "371bd0c099fe5f471d01cab15aec6cb2c458f567", Required: false),
            new("ex7/ex7faces.mat", DibgergeBase + "Exercise7/Data/ex7faces.mat", null, null, "3965bd1b1b57c4f93d617c8c85b1094d69cc4704", Required: false),
        ],
        []);

    /// <summary>The small datasets scikit-learn ships (iris, wine, breast cancer, 8x8 digits), from its 1.2.1 release.</summary>
    public static DatasetInfo Sklearn { get; } = new(
        "sklearn",
        "scikit-learn's bundled datasets: iris, wine, breast cancer, digits",
        "github.com/scikit-learn/scikit-learn, tag 1.2.1, sklearn/datasets/data (BSD-3-Clause; UCI datasets)",
        [
            new("iris.csv", SklearnBase + "iris.csv", 2_734, "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449"),
            new("wine_data.csv", SklearnBase + "wine_data.csv", 11_157, "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede"),
            new("breast_cancer.csv", SklearnBase + "breast_cancer.csv", 119_913, "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed"),
            new("digits.csv.gz", SklearnBase + "digits.csv.gz", 57_512, "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"),
        ],
        []);

    /// <summary>Every dataset in the catalogue.</summary>
    public static IReadOnlyList<DatasetInfo> All { get; } = [FashionMnist, Titanic, MlCourse, Sklearn];

    /// <summary>A dataset by name (case-insensitive).</summary>
    /// <exception cref="KeyNotFoundException">Unknown name; the message lists the known ones.</exception>
    public static DatasetInfo Get(string name) => TryGet(name)
        ?? throw new KeyNotFoundException($"unknown dataset '{name}'; known datasets: {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>A dataset by name (case-insensitive), or null.</summary>
    public static DatasetInfo? TryGet(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
