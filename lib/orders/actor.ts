import type { Actor } from "./types";

/** How staff read who made a change: "by Kim" for a person, "via Till 2" for a system's API key. */
export function actorPhrase(actor: Actor): string {
  return `${actor.kind === "api_key" ? "via" : "by"} ${actor.name}`;
}

/** Where an order came from, as the board shows it: "Till 2 #1042", "Till 2", or null (the order page). */
export function orderSource(order: { source: string | null; externalId: string | null }): string | null {
  if (order.source === null) return order.externalId === null ? null : `#${order.externalId}`;
  return order.externalId === null ? order.source : `${order.source} #${order.externalId}`;
}
