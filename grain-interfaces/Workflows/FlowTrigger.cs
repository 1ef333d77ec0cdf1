namespace OrderActors.Workflows;

/// <summary>What starts a process flow for an order. Names are part of the public JSON contract.</summary>
public enum FlowTrigger
{
    OrderReceived = 0,
    OrderAccepted = 1,
    ReturnRequested = 2,
}
