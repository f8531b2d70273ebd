/**
 * For tests: a client's reading of an event stream, after the WHATWG HTML "interpret an event
 * stream" algorithm (decode as UTF-8 without a leading BOM, split lines on CRLF, LF or CR, fields,
 * comments, dispatch on a blank line). Tests check the encoder against what a browser would see,
 * not against the encoder's own idea of the format.
 */

export interface ParsedEvent {
  type: string;
  data: string;
  lastEventId: string;
}

export interface ParsedStream {
  events: ParsedEvent[];
  /** The last valid `retry:` value, as the client's reconnection time. */
  retry: number | null;
  comments: string[];
  /** Every field line the client processed, in order, ignored ones included. */
  fields: { name: string; value: string }[];
}

export function parseEventStream(stream: string | Uint8Array): ParsedStream {
  const text = typeof stream === "string" ? stream : new TextDecoder("utf-8").decode(stream);
  const parsed: ParsedStream = { events: [], retry: null, comments: [], fields: [] };
  let data = "";
  let type = "";
  let lastEventId = "";
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  // A trailing line without its terminator is not a line yet (the stream may still be open).
  lines.pop();
  for (const line of lines) {
    if (line === "") {
      if (data !== "") {
        parsed.events.push({ type: type || "message", data: data.endsWith("\n") ? data.slice(0, -1) : data, lastEventId });
      }
      data = "";
      type = "";
      continue;
    }
    if (line.startsWith(":")) {
      parsed.comments.push(line.slice(1).replace(/^ /, ""));
      continue;
    }
    const colon = line.indexOf(":");
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    parsed.fields.push({ name, value });
    if (name === "event") type = value;
    else if (name === "data") data += value + "\n";
    else if (name === "id" && !value.includes("\0")) lastEventId = value;
    else if (name === "retry" && /^[0-9]+$/.test(value)) parsed.retry = Number(value);
  }
  return parsed;
}
