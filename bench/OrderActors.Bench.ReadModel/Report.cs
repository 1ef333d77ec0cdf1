namespace OrderActors.Bench.ReadModel;

/// <summary>Results go to stderr (the host's request log owns stdout) and to a file.</summary>
public static class Report
{
    public static string FilePath { get; set; } = Path.Combine(Path.GetTempPath(), "orderactors-bench-readmodel.txt");

    public static void Line(string text)
    {
        var stamped = $"[{DateTime.UtcNow:HH:mm:ss}] {text}";
        Console.Error.WriteLine(stamped);
        File.AppendAllText(FilePath, stamped + Environment.NewLine);
    }
}
