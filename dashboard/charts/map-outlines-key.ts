/** The parts of GET /api/boundaries that decide what the map draws. */
export interface OutlineSet {
  level: string;
  features: ReadonlyArray<{ id: string; geometry: unknown }>;
}

/**
 * What identifies an outline set's drawing: its level, area codes and a hash of its geometry.
 * The map keeps its registered map and ECharts host while this stays the same, even when the
 * answer is a new object (a re-fetch of the same outlines), and only takes the new colours.
 */
export function mapOutlinesKey(set: OutlineSet): string {
  // FNV-1a over the geometry's JSON: a few milliseconds for a province, once per answer.
  let hash = 0x811c9dc5;
  const text = JSON.stringify(set.features.map((f) => f.geometry));
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${set.level}:${set.features.map((f) => f.id).join(',')}:${(hash >>> 0).toString(36)}:${text.length}`;
}
