using System.Reflection;
using Xunit.Sdk;

namespace DlPath.Course.Tests.Progress;

/// <summary>Where the PostgreSQL tests get their server: <c>DLPATH_TEST_PG</c>, set by <c>.ci/postgres.sh</c>.</summary>
internal static class PostgresTestServer
{
    public const string Variable = "DLPATH_TEST_PG";

    public const string SkipReason =
        "DLPATH_TEST_PG is not set: no PostgreSQL server for this run. Start one with eval \"$(bash .ci/postgres.sh)\" (CI always does).";

    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;
}

/// <summary>A fact that needs PostgreSQL: skipped, with the reason, only when <c>DLPATH_TEST_PG</c> is unset.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestServer.ConnectionString is null)
        {
            Skip = PostgresTestServer.SkipReason;
        }
    }
}

/// <summary>Theory data row "postgres": skipped, with the reason, only when <c>DLPATH_TEST_PG</c> is unset.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        if (PostgresTestServer.ConnectionString is null)
        {
            Skip = PostgresTestServer.SkipReason;
        }
    }

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[StoreLocation.Postgres]];
}
