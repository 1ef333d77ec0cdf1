namespace OrderActors.Returns;

/// <summary>The state a returned item arrives in; New and Opened go back to stock.</summary>
public enum ItemCondition
{
    New = 0,
    Opened = 1,
    Damaged = 2,
    Unsellable = 3,
}
