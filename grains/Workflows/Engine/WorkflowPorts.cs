using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Grains.Workflows.Gateways;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Grains.Workflows.Tasks;

namespace OrderActors.Grains.Workflows.Engine;

/// <summary>What the engine needs from outside the instance. One object so the grain and tests build it in one place.</summary>
public sealed record WorkflowPorts(
    IOrderGateway Orders,
    IShipmentGateway Shipments,
    IInvoiceHook Invoices,
    IReturnDecisionGateway Returns,
    IRoleCatalog Roles,
    ITaskWorkload Workload,
    IDeadlineScheduler Deadlines,
    TimeProvider Time);
