using System.Reflection;

namespace OrderActors.Testing;

/// <summary>Where the repository and the built executables are, seen from a test assembly's output folder.</summary>
public static class RepositoryLayout
{
    public const string SolutionFile = "OrderActors.sln";

    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>The build configuration the tests were built with (the executables are built with it too).</summary>
    public static string Configuration =>
        typeof(RepositoryLayout).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string SiloDll => BuiltDll("silo", "OrderActors.Silo");

    public static string ApiHostDll => BuiltDll("api-host", "OrderActors.ApiHost");

    /// <summary><c>{root}/{projectFolder}/bin/{Configuration}/net10.0/{assembly}.dll</c>, which must exist.</summary>
    public static string BuiltDll(string projectFolder, string assemblyName)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built. Build the solution (or the test project) with -c {Configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
