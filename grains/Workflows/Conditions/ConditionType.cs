namespace OrderActors.Grains.Workflows.Conditions;

internal enum ConditionType
{
    Number,
    Text,
    Boolean,
    TextList,
    NumberList,
}
