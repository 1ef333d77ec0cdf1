using MudBlazor;

namespace OrderActors.ApiHost.Components.Layout;

/// <summary>Colours chosen for at least 4.5:1 contrast of text on them (WCAG AA) in the light theme.</summary>
public static class DashboardTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a56a6",
            Secondary = "#6a3aa2",
            Info = "#0b6aa2",
            Success = "#1e6e31",
            Warning = "#8a5300",
            Error = "#b3261e",
            AppbarBackground = "#12385f",
            TextSecondary = "rgba(0,0,0,0.70)",
        },
    };
}
