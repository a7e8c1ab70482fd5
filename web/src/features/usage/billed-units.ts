/**
 * A request's counts billed by the unit (the request log's `units`: `{"image:1024x1024:hd": 2}`,
 * `{"video_second:1280x720": 8}`), as one line: `image:1024x1024:hd × 2, character × 120`, unit
 * keys sorted so a row reads the same every time.
 */
export function formatUnits(units: Readonly<Record<string, number>>): string {
  return Object.entries(units)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key} × ${count.toLocaleString('en-US')}`)
    .join(', ');
}
