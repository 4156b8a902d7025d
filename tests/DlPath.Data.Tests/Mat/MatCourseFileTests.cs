using DlPath.Data.Formats.Mat;

namespace DlPath.Data.Tests.Mat;

/// <summary>Every .mat file of the ML course folder, with shapes and values the exercises rely on.</summary>
public class MatCourseFileTests
{
    public static TheoryData<string, string, int[]> Shapes => new()
    {
        { "ex3/ex3weights.mat", "Theta1", [25, 401] },
        { "ex3/ex3weights.mat", "Theta2", [10, 26] },
        { "ex4/ex4weights.mat", "Theta1", [25, 401] },
        { "ex4/ex4weights.mat", "Theta2", [10, 26] },
        { "ex5/ex5data1.mat", "X", [12, 1] },
        { "ex5/ex5data1.mat", "y", [12, 1] },
        { "ex5/ex5data1.mat", "Xtest", [21, 1] },
        { "ex5/ex5data1.mat", "ytest", [21, 1] },
        { "ex5/ex5data1.mat", "Xval", [21, 1] },
        { "ex5/ex5data1.mat", "yval", [21, 1] },
        { "ex6/ex6data1.mat", "X", [51, 2] },
        { "ex6/ex6data1.mat", "y", [51, 1] },
        { "ex6/ex6data2.mat", "X", [863, 2] },
        { "ex6/ex6data3.mat", "X", [211, 2] },
        { "ex6/ex6data3.mat", "Xval", [200, 2] },
        { "ex6/ex6data3.mat", "yval", [200, 1] },
        { "ex6/spamTrain.mat", "X", [4000, 1899] },
        { "ex6/spamTrain.mat", "y", [4000, 1] },
        { "ex6/spamTest.mat", "Xtest", [1000, 1899] },
        { "ex6/spamTest.mat", "ytest", [1000, 1] },
        { "ex7/ex7data1.mat", "X", [50, 2] },
        { "ex7/ex7data2.mat", "X", [300, 2] },
        { "ex7/bird_small.mat", "A", [128, 128, 3] },
        { "ex8/ex8data1.mat", "X", [307, 2] },
        { "ex8/ex8data1.mat", "Xval", [307, 2] },
        { "ex8/ex8data1.mat", "yval", [307, 1] },
        { "ex8/ex8data2.mat", "X", [1000, 11] },
        { "ex8/ex8data2.mat", "Xval", [100, 11] },
        { "ex8/ex8_movies.mat", "Y", [1682, 943] },
        { "ex8/ex8_movies.mat", "R", [1682, 943] },
        { "ex8/ex8_movieParams.mat", "X", [1682, 10] },
        { "ex8/ex8_movieParams.mat", "Theta", [943, 10] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Course_variables_have_their_known_shapes(string file, string variable, int[] dims)
    {
        var mat = MatFile.Read(TestPaths.MlCourse(file));
        var v = mat.GetNumeric(variable);
        Assert.Equal(dims, v.Dims);
        Assert.Equal(v.Count, v.Values.Length);
        Assert.All(v.Values, x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Every_course_mat_file_reads_and_has_a_MATLAB_5_header()
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.SharedData, "ml-course"), "*.mat", SearchOption.AllDirectories);
        Assert.Equal(15, files.Length);
        foreach (var f in files)
        {
            var mat = MatFile.Read(f);
            Assert.StartsWith("MATLAB 5.0 MAT-file", mat.Header);
            Assert.False(mat.IsBigEndian);
            Assert.NotEmpty(mat.Variables);
        }
    }

    [Fact]
    public void Ex5_first_values_match_the_exercise()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex5/ex5data1.mat"));
        Assert.Equal(["X", "y", "Xtest", "ytest", "Xval", "yval"], mat.Names);
        var x = mat.GetMatrix("X");
        Assert.Equal(-15.93675813378541, x[0, 0], 12);
        Assert.Equal(22.762748919711303, x[11, 0], 12);
        Assert.Equal(2.1343105067296686, mat.GetNumeric("y").ToVector()[0], 12);
    }

    [Fact]
    public void Ex4_weights_are_row_major()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex4/ex4weights.mat"));
        var theta1 = mat.GetNumeric("Theta1");
        // Theta1(1, 1:3) in MATLAB: the first row, which is not contiguous in the file's column-major order.
        Assert.Equal(-0.022562389859934213, theta1[0, 0], 15);
        Assert.Equal(-1.0562416310683364e-08, theta1[0, 1], 1e-20);
        Assert.Equal(2.194146843272561e-09, theta1[0, 2], 1e-20);
        Assert.Equal(theta1[0, 1], theta1.Values[1]);
        // Theta1(2, 1) is the second value stored in the file.
        Assert.Equal(-0.09838112938523186, theta1.ToMatrix()[1, 0], 15);
        var theta2 = mat.GetMatrix("Theta2");
        Assert.Equal(-0.7610035157900087, theta2[0, 0], 15);
        Assert.Equal(-1.2124449845935756, theta2[0, 1], 15);
    }

    [Fact]
    public void Ex6_labels_stored_as_uint8_come_out_as_doubles()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex6/ex6data1.mat"));
        var x = mat.GetMatrix("X");
        Assert.Equal(1.9643, x[0, 0], 12);
        Assert.Equal(4.5957, x[0, 1], 12);
        var y = mat.GetNumeric("y");
        Assert.Equal(MatClass.Double, y.Class);
        Assert.Equal(21, y.ToInt32().Sum());
        Assert.Equal(1, y.ToInt32()[0]);
    }

    [Fact]
    public void Ex8_movies_has_the_100k_ratings_and_the_toy_story_average()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex8/ex8_movies.mat"));
        var r = mat.GetNumeric("R");
        Assert.True(r.IsLogical);
        Assert.Equal(MatClass.UInt8, r.Class);
        Assert.Equal(100_000, r.Values.Sum());
        var y = mat.GetNumeric("Y");
        Assert.Equal(352_986, y.Values.Sum());

        // ex8_cofi.m prints "Average rating for movie 1 (Toy Story): 3.878319 / 5".
        double sum = 0, count = 0;
        for (int user = 0; user < 943; user++)
        {
            if (r[0, user] == 1)
            {
                sum += y[0, user];
                count++;
            }
        }
        Assert.Equal(3.878319, sum / count, 6);
    }

    [Fact]
    public void Ex8_movie_params_scalars()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex8/ex8_movieParams.mat"));
        Assert.Equal(943, mat.GetNumeric("num_users").Scalar);
        Assert.Equal(1682, mat.GetNumeric("num_movies").Scalar);
        Assert.Equal(10, mat.GetNumeric("num_features").Scalar);
    }

    [Fact]
    public void Bird_image_is_height_width_channel_and_matches_the_png_pixel()
    {
        var a = MatFile.Read(TestPaths.MlCourse("ex7/bird_small.mat")).GetNumeric("A");
        // A(1,1,:) = [219 180 103]: the top-left pixel's R, G, B, contiguous in row-major order.
        Assert.Equal([219.0, 180, 103], a.Values.Take(3));
        Assert.Equal(219, a[0, 0, 0]);
        Assert.Equal(103, a[0, 0, 2]);
        // A(2,1,1) is the second value stored (column-major); in row-major it sits one image row down.
        Assert.Equal(230, a[1, 0, 0]);
        Assert.Equal(230, a.Values[128 * 3]);
        Assert.Equal(5_636_468, a.Values.Sum());
        Assert.Throws<InvalidOperationException>(() => a.ToMatrix());
    }

    [Fact]
    public void Spam_train_is_a_binary_word_matrix()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex6/spamTrain.mat"));
        var x = mat.GetNumeric("X");
        Assert.All(x.Values, v => Assert.True(v is 0 or 1));
        Assert.Equal(400_701, x.Values.Sum());
    }

    [Fact]
    public void Missing_variable_names_the_ones_there_are()
    {
        var mat = MatFile.Read(TestPaths.MlCourse("ex6/ex6data1.mat"));
        var ex = Assert.Throws<KeyNotFoundException>(() => mat["Xval"]);
        Assert.Contains("has no variable 'Xval'", ex.Message);
        Assert.Contains("X, y", ex.Message);
    }
}
