using OrderActors.Returns;

namespace OrderActors.ApiHost.Components.Returns;

/// <summary>What a return command did, with the grain's own message on refusal and the field it concerns.</summary>
public sealed record ReturnActionResult(bool Succeeded, string Message, string? Field = null, ReturnDetails? Return = null)
{
    public static ReturnActionResult Failed(string field, string message) => new(false, message, field);

    public static ReturnActionResult From(ReturnCommandResult result, string done) => result.Outcome switch
    {
        ReturnCommandOutcome.Applied => new(true, done, null, result.Return),
        ReturnCommandOutcome.Repeated => new(true, "Already done.", null, result.Return),
        ReturnCommandOutcome.NotFound => new(false, "Return not found.", "id"),
        _ => new(false, result.Error ?? "The return does not allow this now.", result.Field, result.Return),
    };
}
