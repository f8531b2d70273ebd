"use client";

import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline" | "closed";

export type EventHandlers<Events extends Record<string, unknown>> = {
  [K in keyof Events]?: (data: Events[K], eventId: number) => void;
};

export interface UseEventSourceOptions<Events extends Record<string, unknown>> {
  handlers: EventHandlers<Events>;
  /**
   * Asked when the stream ends. True means nothing more can arrive (e.g. the order is delivered),
   * so the hook settles in "closed" instead of reconnecting.
   */
  isFinished?: () => boolean;
}

export interface UseEventSourceResult {
  state: ConnectionState;
  /** The newest event id received (or the cursor the URL started from). */
  lastEventId: number | null;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;

/**
 * Delay before manual reconnect number `attempt` (0-based): exponential, capped, with "equal
 * jitter" (half fixed, half random) so a server restart is not answered by every board at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

const ABSOLUTE_URL = /^[a-z][a-z\d+\-.]*:/i;
// Only used to parse relative URLs; never appears in a result.
const PARSE_BASE = "http://relative.invalid";

/** `url` with its `lastEventId` query parameter set to `cursor` (replacing any there), or unchanged for null. */
export function withCursor(url: string, cursor: number | null): string {
  if (cursor === null) return url;
  const parsed = new URL(url, PARSE_BASE);
  parsed.searchParams.set("lastEventId", String(cursor));
  return ABSOLUTE_URL.test(url) ? parsed.toString() : `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/** The cursor a URL's `lastEventId` parameter carries, or null when it has none. */
export function cursorFromUrl(url: string): number | null {
  return parseEventId(new URL(url, PARSE_BASE).searchParams.get("lastEventId"));
}

/** A non-negative integer SSE id, or null for anything else (the empty id, garbage). */
export function parseEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/**
 * Subscribes to a Server-Sent Events stream and hands each event's parsed JSON to its handler,
 * at most once per event id. `url` null means no stream. Handlers may change on every render
 * without reconnecting. While the browser is offline the connection is dropped, and it resumes
 * from the cursor as soon as the browser is back.
 */
export function useEventSource<Events extends Record<string, unknown>>(
  url: string | null,
  { handlers, isFinished }: UseEventSourceOptions<Events>,
): UseEventSourceResult {
  const [state, setState] = useState<ConnectionState>("connecting");
  const [lastEventId, setLastEventId] = useState<number | null>(() => (url ? cursorFromUrl(url) : null));
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );

  const handlersRef = useRef(handlers);
  const isFinishedRef = useRef(isFinished);
  useLayoutEffect(() => {
    handlersRef.current = handlers;
    isFinishedRef.current = isFinished;
  });

  // The cursor outlives connections (and offline periods) but belongs to one stream URL.
  const cursorRef = useRef<{ url: string | null; cursor: number | null }>({ url: null, cursor: null });
  const finishedRef = useRef(false);
  const eventNames = Object.keys(handlers).sort().join("\n");

  useEffect(() => {
    if (url === null) return;
    if (cursorRef.current.url !== url) {
      cursorRef.current = { url, cursor: cursorFromUrl(url) };
      finishedRef.current = false;
    }
    if (finishedRef.current || !online) return;

    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let disposed = false;

    const finish = () => {
      finishedRef.current = true;
      source?.close();
      setState("closed");
    };

    const listener = (name: string) => (event: MessageEvent<string>) => {
      const id = parseEventId(event.lastEventId);
      const cursor = cursorRef.current.cursor;
      if (id !== null && cursor !== null && id <= cursor) return;
      if (id !== null) {
        cursorRef.current = { url, cursor: id };
        setLastEventId(id);
      }
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        console.warn(`Ignoring ${name} event ${event.lastEventId} with malformed JSON`);
        return;
      }
      const handler = handlersRef.current[name as keyof Events];
      // The stream's contract types the payload of each event name; JSON.parse cannot.
      handler?.(data as Events[keyof Events], id ?? 0);
    };

    const connect = () => {
      if (disposed) return;
      const es = new EventSource(withCursor(url, cursorRef.current.cursor));
      source = es;
      for (const name of eventNames ? eventNames.split("\n") : []) {
        es.addEventListener(name, listener(name));
      }
      es.onopen = () => {
        attempt = 0;
        setState("live");
      };
      es.onerror = () => {
        if (disposed) return;
        if (isFinishedRef.current?.()) {
          finish();
          return;
        }
        if (es.readyState === EventSource.CLOSED) {
          // The browser gave up (204, an error status, a non-SSE answer): retry ourselves, from
          // our cursor, and back off so a struggling server is not hammered.
          es.close();
          setState("reconnecting");
          retryTimer = setTimeout(connect, backoffDelay(attempt++));
          return;
        }
        // The browser reconnects by itself (sending Last-Event-ID).
        setState("reconnecting");
      };
    };

    connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      source?.close();
      // Whatever reopens the stream (back online, a new URL) starts out reconnecting, not live.
      if (!finishedRef.current) setState("reconnecting");
    };
  }, [url, online, eventNames]);

  let shown: ConnectionState = state;
  if (url === null) shown = "closed";
  else if (!online && state !== "closed") shown = "offline";
  return { state: shown, lastEventId };
}
