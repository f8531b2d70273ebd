/**
 * Server-Sent Events wire encoder (WHATWG HTML, "Server-sent events", event stream format).
 * Pure string functions: no I/O, no state, so every edge case is a unit test.
 */

export interface SseMessage {
  /** Becomes the client's `lastEventId`; Tracker always sends the global event id. */
  id?: string | number;
  /** The event type a client listens for (`addEventListener(event, ...)`). */
  event?: string;
  data: string;
  /** Reconnection delay in milliseconds. */
  retry?: number;
}

// The spec accepts all three line endings inside a stream, so a value holding any of them would
// start a new field on the client. Splitting (data) or stripping (id, event) keeps one value one field.
const LINE_BREAK = /\r\n|\r|\n/;
// NUL is stripped too: a client ignores an `id:` field that contains one, which would silently
// keep the previous id and break resume.
const FIELD_BREAKERS = /[\r\n\0]/g;

function singleLine(value: string): string {
  return value.replace(FIELD_BREAKERS, "");
}

function retryField(ms: number): string {
  // Clients ignore a retry value that is not all ASCII digits; fail loudly instead.
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`SSE retry must be a non-negative integer of milliseconds (got ${ms}).`);
  }
  return `retry: ${ms}\n`;
}

// `data:` for an empty line rather than `data: `: both parse to "", this one has no trailing space.
function dataLines(data: string): string {
  let out = "";
  for (const line of data.split(LINE_BREAK)) out += line === "" ? "data:\n" : `data: ${line}\n`;
  return out;
}

/** One message: optional id/event/retry fields, one `data:` line per line of data, blank line. */
export function encodeEvent(message: SseMessage): string {
  let out = "";
  if (message.id !== undefined) out += `id: ${singleLine(String(message.id))}\n`;
  if (message.event !== undefined) out += `event: ${singleLine(message.event)}\n`;
  if (message.retry !== undefined) out += retryField(message.retry);
  return out + dataLines(message.data) + "\n";
}

/** A comment (ignored by clients; keeps proxies from timing out an idle connection). */
export function encodeComment(text: string): string {
  const lines = text.split(LINE_BREAK).map((line) => (line === "" ? ":" : `: ${line}`));
  return lines.join("\n") + "\n\n";
}

/** A message that only sets the client's reconnection delay. */
export function encodeRetry(ms: number): string {
  return retryField(ms) + "\n";
}
