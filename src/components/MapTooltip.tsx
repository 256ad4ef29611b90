/** Hover text next to the pointer: the area's name and its choropleth value. */
export function MapTooltip({
  x,
  y,
  name,
  value,
}: {
  x: number;
  y: number;
  name: string;
  value: string | null;
}) {
  return (
    <div className="map-tooltip" data-testid="map-tooltip" style={{ left: x + 12, top: y + 12 }}>
      <strong>{name}</strong>
      {value !== null && <span>{value}</span>}
    </div>
  );
}
