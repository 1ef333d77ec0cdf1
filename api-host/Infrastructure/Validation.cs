namespace OrderActors.ApiHost.Infrastructure;

/// <summary>Collects field errors and turns them into an RFC 7807 validation problem.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public Validation Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public IResult ToProblem() => Problem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static IResult Problem(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.");
}
