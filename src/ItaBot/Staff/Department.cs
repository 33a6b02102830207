namespace ItaBot.Staff;

/// <summary>
/// A unit (สำนัก/กอง) that cases are routed to. Seeded from the content pack's structure.yaml at first start, then
/// edited by admins. The id never changes (cases and categories refer to it); a unit no longer used is deactivated.
/// </summary>
internal sealed record Department
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Head { get; init; }
    public bool Active { get; init; } = true;
    public int Version { get; init; }

    /// <summary>A unit of the content pack's structure as a department at first start.</summary>
    public static Department From(Content.Unit unit) => new() { Id = unit.Id, Name = unit.Name, Head = unit.Head };
}
