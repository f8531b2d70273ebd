/**
 * Reads Prometheus's text exposition format back into numbers (tests and scripts compare scrapes).
 * Keys are series as printed, e.g. `tracker_open_streams{kind="staff"}`; a series without
 * labels is its bare name.
 */
export type Scrape = ReadonlyMap<string, number>;

export function parseExposition(text: string): Scrape {
  const series = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    // Label values may hold spaces; the value is what follows the last one.
    const space = line.lastIndexOf(" ");
    series.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return series;
}

/** A series' value; throws when the scrape lacks it, so a renamed metric fails loudly. */
export function sample(scrape: Scrape, key: string): number {
  const value = scrape.get(key);
  if (value === undefined) throw new Error(`no series ${key} in the scrape`);
  return value;
}
