using System.Globalization;

namespace OrderActors.ApiHost.Components.Workflows;

/// <summary>
/// Places a flow's steps for the SVG graph: one row per distance from the first step (breadth first), steps of a row in
/// their list order, centred. Forward links run down between rows; links back up or within a row (loops) curve around
/// the right side so they never cross a node. Steps that cannot be reached go in a last row.
/// </summary>
public sealed class FlowLayout
{
    public const double NodeWidth = 200;
    public const double NodeHeight = 58;
    private const double GapX = 44;
    private const double GapY = 64;
    private const double Margin = 24;

    public IReadOnlyList<Node> Nodes { get; }
    public IReadOnlyList<Edge> Edges { get; }
    public double Width { get; }
    public double Height { get; }

    public sealed record Node(int Index, StepDraft Step, double X, double Y, bool Reachable);

    public sealed record Edge(string From, string To, string Kind, string Path, double LabelX, double LabelY);

    public FlowLayout(IReadOnlyList<StepDraft> steps)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            index.TryAdd(steps[i].Id, i);
        }
        var layer = Enumerable.Repeat(-1, steps.Count).ToArray();
        if (steps.Count > 0)
        {
            layer[0] = 0;
            var queue = new Queue<int>([0]);
            while (queue.TryDequeue(out var at))
            {
                foreach (var (target, _) in steps[at].Links())
                {
                    if (index.TryGetValue(target, out var next) && layer[next] < 0)
                    {
                        layer[next] = layer[at] + 1;
                        queue.Enqueue(next);
                    }
                }
            }
        }
        var unreachableRow = layer.DefaultIfEmpty(-1).Max() + 1;
        var rows = Enumerable.Range(0, steps.Count)
            .GroupBy(i => layer[i] >= 0 ? layer[i] : unreachableRow)
            .OrderBy(g => g.Key)
            .ToList();
        var widest = rows.Select(r => r.Count()).DefaultIfEmpty(1).Max();
        Width = Margin * 2 + widest * NodeWidth + (widest - 1) * GapX + 120;
        Height = Margin * 2 + rows.Count * NodeHeight + Math.Max(0, rows.Count - 1) * GapY;

        var nodes = new Node[steps.Count];
        foreach (var row in rows)
        {
            var members = row.ToList();
            var rowWidth = members.Count * NodeWidth + (members.Count - 1) * GapX;
            var left = Margin + (widest * NodeWidth + (widest - 1) * GapX - rowWidth) / 2;
            for (var k = 0; k < members.Count; k++)
            {
                var i = members[k];
                nodes[i] = new Node(i, steps[i], left + k * (NodeWidth + GapX), Margin + row.Key * (NodeHeight + GapY), layer[i] >= 0);
            }
        }
        Nodes = nodes;

        var edges = new List<Edge>();
        var loops = 0;
        foreach (var from in nodes)
        {
            foreach (var (target, kind) in from.Step.Links())
            {
                if (!index.TryGetValue(target, out var t))
                {
                    continue;
                }
                var to = nodes[t];
                edges.Add(to.Y > from.Y ? Down(from, to, kind) : Around(from, to, kind, ++loops));
            }
        }
        Edges = edges;
    }

    private static Edge Down(Node from, Node to, string kind)
    {
        var (x0, y0) = (from.X + NodeWidth / 2 + Offset(kind), from.Y + NodeHeight);
        var (x3, y3) = (to.X + NodeWidth / 2, to.Y - 4);
        var bend = (y3 - y0) / 2;
        var (x1, y1, x2, y2) = (x0, y0 + bend, x3, y3 - bend);
        return new Edge(from.Step.Id, to.Step.Id, kind, $"M {F(x0)} {F(y0)} C {F(x1)} {F(y1)}, {F(x2)} {F(y2)}, {F(x3)} {F(y3)}",
            Mid(x0, x1, x2, x3), Mid(y0, y1, y2, y3));
    }

    // A link back up (or across a row) leaves the right side of its step and enters the right side of its target.
    private static Edge Around(Node from, Node to, string kind, int nth)
    {
        var (x0, y0) = (from.X + NodeWidth, from.Y + NodeHeight / 2);
        var (x3, y3) = (to.X + NodeWidth + 4, to.Y + NodeHeight / 2 - 8);
        var reach = Math.Max(x0, x3) + 40 + 14 * nth;
        var (x1, y1, x2, y2) = (reach, y0, reach, y3);
        return new Edge(from.Step.Id, to.Step.Id, kind, $"M {F(x0)} {F(y0)} C {F(x1)} {F(y1)}, {F(x2)} {F(y2)}, {F(x3)} {F(y3)}",
            Mid(x0, x1, x2, x3), Mid(y0, y1, y2, y3));
    }

    // Two links leaving one step (yes/no, approved/rejected) start apart.
    private static double Offset(string kind) => kind switch
    {
        "true" => -30,
        "false" or "rejected" => 30,
        _ => 0,
    };

    private static double Mid(double a, double b, double c, double d) => (a + 3 * b + 3 * c + d) / 8;

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
