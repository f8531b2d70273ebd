/** The browser's side of the JSON poll (lib/orders/event-log/poll.ts): fetch, and check the answer's shape. */
import type { PollAnswer, PolledEvent } from "@/lib/orders/types";
import { pollUrl } from "./stream-url";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function isEventId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** The answer, or null when it is not a poll answer (a proxy's page, a truncated body). */
export function readPollAnswer(value: unknown): PollAnswer<unknown> | null {
  if (!isRecord(value) || !Array.isArray(value.events) || !isEventId(value.cursor) || typeof value.finished !== "boolean") {
    return null;
  }
  const events: PolledEvent<unknown>[] = [];
  for (const event of value.events) {
    if (!isRecord(event) || !isEventId(event.id)) return null;
    if (event.event !== "order.created" && event.event !== "order.status") return null;
    events.push({ id: event.id, event: event.event, data: event.data });
  }
  return { events, cursor: value.cursor, finished: value.finished };
}

/** One poll of the stream at `path`; throws on anything but a well-formed 200. */
export async function fetchPoll(path: string, after: number, signal: AbortSignal): Promise<PollAnswer<unknown>> {
  const response = await fetch(pollUrl(path, after), { cache: "no-store", signal, headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`The poll answered ${response.status}.`);
  const answer = readPollAnswer(await response.json());
  if (!answer) throw new Error("The poll's answer is not one.");
  return answer;
}
