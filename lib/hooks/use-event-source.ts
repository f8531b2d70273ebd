"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ConnectionState } from "./connection-state";
import { fetchPoll } from "./poll-client";
import { browserChannel, shareStream } from "./stream-leader";
import { openTransport } from "./stream-transport";
import { streamKey } from "./stream-url";
import { watchBrowserWake } from "./wake";

export type { ConnectionState } from "./connection-state";

export type EventHandlers<Events extends Record<string, unknown>> = {
  [K in keyof Events]?: (data: Events[K], eventId: number) => void;
};

export interface UseEventSourceOptions<Events extends Record<string, unknown>> {
  handlers: EventHandlers<Events>;
  /**
   * Asked after each event and when the stream ends. True means nothing more can arrive (e.g. the
   * order is delivered), so the hook settles in "closed" instead of reconnecting.
   */
  isFinished?: () => boolean;
}

export interface UseEventSourceResult {
  state: ConnectionState;
  /** The newest event id received (or the cursor the stream started from). */
  lastEventId: number | null;
}

/**
 * Subscribes to the Server-Sent Events stream at `path` (lib/hooks/stream-url.ts builds them)
 * after `cursor`, the last event id the page already shows (null: wherever the server starts a
 * stream that names none), and hands each event's parsed JSON to its handler, once per event id
 * and in id order. `path` null means no stream. A new path or a new starting cursor starts over
 * from that cursor; handlers may change on every render without reconnecting. The tabs of one
 * browser share one connection (lib/hooks/stream-leader.ts); where the stream cannot get
 * through, the hook polls (lib/hooks/stream-transport.ts); after a sleep or an offline period it
 * resumes from its cursor.
 */
export function useEventSource<Events extends Record<string, unknown>>(
  path: string | null,
  cursor: number | null,
  { handlers, isFinished }: UseEventSourceOptions<Events>,
): UseEventSourceResult {
  const [state, setState] = useState<ConnectionState>("connecting");
  const [lastEventId, setLastEventId] = useState<number | null>(path === null ? null : cursor);

  const handlersRef = useRef(handlers);
  const isFinishedRef = useRef(isFinished);
  useLayoutEffect(() => {
    handlersRef.current = handlers;
    isFinishedRef.current = isFinished;
  });

  // The cursor outlives subscriptions (new handlers' event names) but belongs to one stream
  // followed from one start.
  const cursorRef = useRef<{ path: string | null; start: number | null; cursor: number | null }>({
    path: null,
    start: null,
    cursor: null,
  });
  const finishedRef = useRef(false);
  const eventNames = Object.keys(handlers).sort().join("\n");

  useEffect(() => {
    if (path === null) return;
    if (cursorRef.current.path !== path || cursorRef.current.start !== cursor) {
      cursorRef.current = { path, start: cursor, cursor };
      finishedRef.current = false;
    }
    if (finishedRef.current) return;
    const names = eventNames ? eventNames.split("\n") : [];
    const finished = () => finishedRef.current || (isFinishedRef.current?.() ?? false);
    const poll = (after: number, signal: AbortSignal) => fetchPoll(path, after, signal);

    const unsubscribe = shareStream({
      key: streamKey(path),
      cursor: cursorRef.current.cursor,
      deliver(message) {
        cursorRef.current = { path, start: cursor, cursor: message.id };
        setLastEventId(message.id);
        const handler = handlersRef.current[message.event as keyof Events];
        // The stream's contract types the payload of each event name; JSON.parse cannot.
        handler?.(message.data as Events[keyof Events], message.id);
        if (isFinishedRef.current?.()) {
          finishedRef.current = true;
          setState("closed");
        }
      },
      state(next) {
        if (!finishedRef.current) setState(next);
      },
      connect: (current, sink) =>
        openTransport({
          path,
          eventNames: names,
          cursor: current,
          isFinished: finished,
          sink,
          EventSource: typeof EventSource === "function" ? EventSource : undefined,
          poll,
          watchWake: watchBrowserWake,
        }),
      poll,
      locks: typeof navigator !== "undefined" && navigator.locks ? navigator.locks : undefined,
      channel: typeof BroadcastChannel === "function" ? browserChannel : undefined,
    });
    return () => {
      unsubscribe();
      // Whatever reopens the stream (a new path or start, new event names) starts out
      // reconnecting, not live.
      if (!finishedRef.current) setState("reconnecting");
    };
  }, [path, cursor, eventNames]);

  return { state: path === null ? "closed" : state, lastEventId };
}
