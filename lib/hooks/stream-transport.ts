/**
 * One tab's own connection to an event stream (the leader's, when tabs share one:
 * lib/hooks/stream-leader.ts). Server-Sent Events first; when EventSource is missing or the stream
 * keeps failing, the JSON poll (`?after=N`), trying the stream again every SSE_RETRY_MS. A stream
 * that opens but stays silent while a poll finds newer events is being held back (a buffering
 * proxy): the poll takes over too. After a wake (sleep, long hidden, back online) it reconnects at
 * once from the cursor, since a connection that slept may be dead without the browser knowing.
 *
 * Whatever the source, each event goes to `sink.event` with the id before it on that connection
 * (`prev`), and OrderedDelivery drops what the tab already has: switching sources is lossless.
 */
import type { PollAnswer } from "@/lib/orders/types";
import type { ConnectionState } from "./connection-state";
import type { StreamMessage } from "./ordered-delivery";
import { parseEventId, streamUrl } from "./stream-url";

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 30_000;
/** Stream attempts in a row that never open before the poll takes over. */
export const MAX_SSE_FAILURES = 3;
/** An attempt that has not opened by then counts as failed (a proxy or route that never answers). */
export const CONNECT_TIMEOUT_MS = 10_000;
export const POLL_INTERVAL_MS = 3_000;
/** While polling, how often the stream is tried again. */
export const SSE_RETRY_MS = 30_000;
/** A stream silent this long is checked against a poll; the wait doubles while it proves fine. */
export const VERIFY_FIRST_MS = 10_000;
export const VERIFY_CAP_MS = 120_000;
/** After a check found events the stream had not sent, how long it has to send anything. */
export const VERIFY_GRACE_MS = 3_000;
/** Polls back off on errors up to this (the stream's retries do not apply while polling). */
export const POLL_BACKOFF_CAP_MS = 15_000;
/** Events per poll answer (lib/orders/event-log/poll.ts): a full answer means ask again at once. */
export const POLL_LIMIT = 500;

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so a server restart is not answered by every client at once.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface TransportSink {
  event(message: StreamMessage, prev: number | null): void;
  state(state: ConnectionState): void;
}

/** What a wake watcher reports (lib/hooks/wake.ts in the browser). */
export interface WakeEvents {
  wake(): void;
  offline(): void;
}

/** The part of EventSource used here (the browser's, or a test's fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface EventSourceConstructor {
  new (url: string): EventSourceLike;
  readonly CLOSED: number;
}

export interface TransportOptions {
  /** The stream's path (lib/hooks/stream-url.ts); every new EventSource starts from `cursor()`. */
  path: string;
  eventNames: readonly string[];
  cursor(): number | null;
  /** True once nothing more can arrive: the transport stops instead of reconnecting. */
  isFinished(): boolean;
  sink: TransportSink;
  /** Undefined where the browser has none: the transport polls. */
  EventSource: EventSourceConstructor | undefined;
  poll(after: number, signal: AbortSignal): Promise<PollAnswer<unknown>>;
  watchWake(events: WakeEvents): () => void;
  random?: () => number;
}

/** Opens the connection; the returned function closes it for good. */
export function openTransport(options: TransportOptions): () => void {
  const { sink, isFinished } = options;
  const random = options.random ?? Math.random;
  const ES = options.EventSource;

  let stopped = false;
  let finished = false;
  let offline = false;
  let polling = ES === undefined;
  let source: EventSourceLike | null = null;
  let connectTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let verifyTimer: ReturnType<typeof setTimeout> | undefined;
  // Stream attempts in a row that brought nothing (no event, no clean check) before failing.
  let sseFailures = 0;
  // The stream has proved it carries events since it last failed.
  let healthy = false;
  let lastStreamEventAt = 0;
  let verifyDelay = VERIFY_FIRST_MS;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  let pollAbort: AbortController | null = null;
  let pollFailures = 0;
  let state: ConnectionState | null = null;

  const setState = (next: ConnectionState) => {
    if (stopped || state === next) return;
    state = next;
    sink.state(next);
  };

  function closeSource(): void {
    clearTimeout(connectTimer);
    clearTimeout(retryTimer);
    clearTimeout(verifyTimer);
    source?.close();
    source = null;
  }

  function stopPolling(): void {
    clearTimeout(pollTimer);
    clearTimeout(probeTimer);
    pollAbort?.abort();
    pollAbort = null;
  }

  function teardown(): void {
    closeSource();
    stopPolling();
  }

  function finish(): void {
    finished = true;
    teardown();
    setState("closed");
  }

  /** One poll from the cursor, its events handed on; null when it failed or was cancelled. */
  async function pollOnce(): Promise<PollAnswer<unknown> | null> {
    pollAbort?.abort();
    const controller = new AbortController();
    pollAbort = controller;
    const after = options.cursor() ?? 0;
    let answer: PollAnswer<unknown>;
    try {
      answer = await options.poll(after, controller.signal);
    } catch {
      return null;
    }
    if (controller.signal.aborted || stopped) return null;
    let prev: number | null = after;
    for (const event of answer.events) {
      sink.event({ id: event.id, event: event.event, data: event.data }, prev);
      prev = event.id;
    }
    if (answer.finished) finish();
    return answer;
  }

  /**
   * One stream attempt. As a probe (while polling), it takes over only once it opens; until
   * then, and if it fails, the poll goes on.
   */
  function connect(probe: boolean): void {
    if (stopped || finished || offline || !ES) return;
    closeSource();
    const from = options.cursor();
    const es = new ES(streamUrl(options.path, from));
    source = es;
    healthy = false;
    let prev: number | null = from;

    const failedAttempt = () => {
      if (probe) {
        closeSource();
        probeTimer = setTimeout(() => connect(true), SSE_RETRY_MS);
        return;
      }
      setState("reconnecting");
      // The stream keeps failing: if the poll gets through, the stream is what is blocked.
      if (sseFailures % MAX_SSE_FAILURES === 0) void checkBlocked();
      if (es.readyState === ES.CLOSED) {
        // The browser gave up (an error status, a non-SSE answer) or we did (no answer in
        // time): retry from our cursor, backing off so a struggling server is not hammered.
        closeSource();
        retryTimer = setTimeout(() => connect(false), backoffDelay(sseFailures - 1, random));
      } else {
        // The browser retries by itself, with Last-Event-ID; that attempt gets a deadline too.
        armConnectTimer();
      }
    };

    const armConnectTimer = () => {
      clearTimeout(connectTimer);
      connectTimer = setTimeout(() => {
        if (source !== es) return;
        es.close();
        sseFailures += 1;
        failedAttempt();
      }, CONNECT_TIMEOUT_MS);
    };

    for (const name of options.eventNames) {
      es.addEventListener(name, (event: MessageEvent<string>) => {
        if (source !== es) return;
        lastStreamEventAt = Date.now();
        healthy = true;
        sseFailures = 0;
        const id = parseEventId(event.lastEventId);
        if (id === null) return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          console.warn(`Ignoring ${name} event ${event.lastEventId} with malformed JSON`);
          return;
        }
        const before = prev;
        prev = id;
        sink.event({ id, event: name, data }, before);
      });
    }
    es.onopen = () => {
      if (source !== es) return;
      clearTimeout(connectTimer);
      if (polling) {
        polling = false;
        stopPolling();
      }
      probe = false;
      setState("live");
      lastStreamEventAt = Date.now();
      verifyDelay = VERIFY_FIRST_MS;
      scheduleVerify(es);
    };
    es.onerror = () => {
      if (source !== es) return;
      if (isFinished()) return finish();
      clearTimeout(verifyTimer);
      // A stream that carried events and dropped is an ordinary reconnect, not a failure.
      sseFailures = healthy ? 0 : sseFailures + 1;
      healthy = false;
      if (sseFailures === 0) {
        setState("reconnecting");
        if (es.readyState === ES.CLOSED) connect(false);
        else armConnectTimer();
        return;
      }
      failedAttempt();
    };
    armConnectTimer();
  }

  async function checkBlocked(): Promise<void> {
    const answer = await pollOnce();
    // Unreachable too: the server is down, not the stream blocked; its retries go on. Or the
    // stream got through meanwhile.
    if (!answer || finished || polling || state === "live") return;
    closeSource();
    startPolling(false);
  }

  /** Checks a silent open stream against the poll (a buffering proxy holds events back). */
  function scheduleVerify(es: EventSourceLike): void {
    clearTimeout(verifyTimer);
    verifyTimer = setTimeout(async () => {
      if (source !== es) return;
      if (Date.now() - lastStreamEventAt < verifyDelay) return scheduleVerify(es);
      const checkedAt = Date.now();
      const after = options.cursor() ?? 0;
      const answer = await pollOnce();
      if (source !== es || finished) return;
      if (!answer) return scheduleVerify(es);
      if (!answer.events.some((event) => event.id > after)) {
        healthy = true;
        sseFailures = 0;
        verifyDelay = Math.min(verifyDelay * 2, VERIFY_CAP_MS);
        return scheduleVerify(es);
      }
      verifyTimer = setTimeout(() => {
        if (source !== es) return;
        if (lastStreamEventAt >= checkedAt) return scheduleVerify(es);
        closeSource();
        startPolling(true);
      }, VERIFY_GRACE_MS);
    }, verifyDelay);
  }

  function startPolling(pollFirst: boolean): void {
    if (stopped || finished) return;
    polling = true;
    pollFailures = 0;
    stopPolling();
    setState("polling");
    if (pollFirst) void pollLoop();
    else pollTimer = setTimeout(() => void pollLoop(), POLL_INTERVAL_MS);
    if (ES) probeTimer = setTimeout(() => connect(true), SSE_RETRY_MS);
  }

  async function pollLoop(): Promise<void> {
    clearTimeout(pollTimer);
    if (stopped || finished || offline || !polling) return;
    const answer = await pollOnce();
    if (stopped || finished || !polling) return;
    let next: number;
    if (answer) {
      const recovered = pollFailures > 0;
      pollFailures = 0;
      setState("polling");
      next = answer.events.length >= POLL_LIMIT ? 0 : POLL_INTERVAL_MS;
      // The server answers again after failing: the stream may well get through now too.
      if (recovered && ES && !source) {
        clearTimeout(probeTimer);
        connect(true);
      }
    } else {
      next = Math.min(POLL_BACKOFF_CAP_MS, backoffDelay(pollFailures, random));
      pollFailures += 1;
      setState("reconnecting");
    }
    pollTimer = setTimeout(() => void pollLoop(), next);
  }

  /** Reconnect from the cursor now: after a sleep the old connection may be dead. */
  function restart(): void {
    if (stopped || finished) return;
    offline = false;
    sseFailures = 0;
    if (polling) {
      stopPolling();
      void pollLoop();
      connect(true);
      return;
    }
    setState("reconnecting");
    connect(false);
  }

  setState("connecting");
  const unwatch = options.watchWake({
    wake: restart,
    offline() {
      if (stopped || finished) return;
      offline = true;
      teardown();
      setState("offline");
    },
  });

  function stop(): void {
    stopped = true;
    unwatch();
    teardown();
  }

  if (offline) return stop;
  if (polling) startPolling(true);
  else connect(false);
  return stop;
}
