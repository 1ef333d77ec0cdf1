using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// A feed event as a SignalR invocation: client method = its type, argument = its <see cref="FeedMessage"/>.
/// <see cref="SerializedHubMessage"/> serializes on first use per protocol and keeps the bytes, so one instance
/// shared by every connection costs one serialization, not one per connection.
/// </summary>
public static class FeedWireMessage
{
    public static SerializedHubMessage For(FeedEvent e) => new(new InvocationMessage(e.Type, [FeedMessage.From(e)]));
}
