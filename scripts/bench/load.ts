/**
 * The benchmark's client side, the same against Tracker and against the floor server: N customer
 * streams on N orders, M staff streams, then R status changes a second for T seconds through the
 * HTTP API, open-loop (a slow server does not slow the offered load). Every delivery is timed
 * from the start of the change request that caused it, on this process's clock.
 */
import { Agent, request, type IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { bySecond as causesBySecond, type SecondCauses } from "./causes";
import { ClientMonitor, type ClientUsage } from "./client-monitor";
import type { GcPause } from "./gc-trace";
import { sourceAddresses } from "./limits";
import { ProcessSampler, type ProcessSample } from "./proc";
import { openSseStream, type StreamEvents } from "./sse-client";
import { perSecond, summarize, type LatencySummary, type SecondSummary } from "./stats";

export interface Workload {
  customers: number;
  staff: number;
  /** Status changes per second. */
  rate: number;
  seconds: number;
}

/** The server under test, as the workload sees it. */
export interface BenchTarget {
  url: string;
  pid: number;
  /**
   * Starts the server afresh on the same data (url and pid may change), so memory per stream is
   * measured from a process that has not just absorbed the set-up's garbage. A no-op where the
   * data lives in the process.
   */
  restart(): Promise<void>;
  /** The running server's GC pauses so far, on this process's clock. */
  gcPauses(): GcPause[];
}

export interface WorkloadResult {
  changes: { offered: number; answered: number; failed: number; errors: string[] };
  deliveries: { expected: number; received: number; lost: number; duplicated: number };
  latency: { all: LatencySummary; customer: LatencySummary; staff: LatencySummary };
  /** From each change request's start to its answer (the staff member's wait). */
  answer: LatencySummary;
  /** Delivery latency by the second of the drive in which the change started. */
  bySecond: SecondSummary[];
  /** Deliveries a second over the drive phase. */
  eventsPerSecond: number;
  memory: { baselineRssBytes: number; openRssBytes: number; bytesPerStream: number; peakRssBytes: number };
  /** Server CPU over the drive phase, in % of one core. */
  cpuPercent: number;
  /** Server CPU time over the drive phase, user + system. */
  cpuSeconds: number;
  /** This process's own load over the same span. */
  client: Omit<ClientUsage, "seconds">;
  /** What may have slowed each second of the drive (and of the wait for late deliveries). */
  causes: SecondCauses[];
  timings: { ordersSeconds: number; openSeconds: number; driveSeconds: number };
}

// The statuses a change walks through; none of them ends the customer's stream.
const STEPS = ["confirmed", "preparing", "ready", "out_for_delivery"] as const;
const OPEN_BATCH = 250;
const DRAIN_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Arrivals, in flat typed arrays sized for every delivery the run can cause (a 20,000-stream run
 * records 1.5 million): growing arrays while the drive runs would copy them, and the client's GC
 * would delay the deliveries it times. Keep-alive frames are only counted, by the second of the
 * drive they arrived in.
 */
class Arrivals {
  length = 0;
  ids: Float64Array;
  times: Float64Array;
  customer: Uint8Array;
  keepAlives: number[] = [];
  /** The drive's start; keep-alives before it are not counted. */
  driveStart = Number.POSITIVE_INFINITY;
  constructor(capacity: number) {
    this.ids = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    this.customer = new Uint8Array(capacity);
  }
  add(id: number, customer: boolean): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.times[this.length] = performance.now();
    this.customer[this.length] = customer ? 1 : 0;
    this.length += 1;
  }
  // Only if a server sends events no change of the drive caused: recorded, and left out of the latencies.
  private grow(): void {
    const size = this.ids.length * 2 + 1024;
    const ids = new Float64Array(size);
    const times = new Float64Array(size);
    const customer = new Uint8Array(size);
    ids.set(this.ids);
    times.set(this.times);
    customer.set(this.customer);
    this.ids = ids;
    this.times = times;
    this.customer = customer;
  }
  keepAlive(): void {
    const second = Math.floor((performance.now() - this.driveStart) / 1000);
    if (second >= 0) this.keepAlives[second] = (this.keepAlives[second] ?? 0) + 1;
  }
}

/** One stream's deliveries: ids rise, so one at or below the last is a duplicate. */
class Sink implements Pick<StreamEvents, "id" | "comment"> {
  duplicated = 0;
  constructor(
    readonly customer: boolean,
    private lastId: number,
    private readonly arrivals: Arrivals,
  ) {}
  id(id: number): void {
    if (id <= this.lastId) {
      this.duplicated += 1;
      return;
    }
    this.lastId = id;
    this.arrivals.add(id, this.customer);
  }
  comment(): void {
    this.arrivals.keepAlive();
  }
}

function post(agent: Agent, base: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; body: string; headers: IncomingMessage["headers"] }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": payload.length, ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function get(agent: Agent, base: string, path: string, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { agent, headers: { cookie } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`GET ${path}: ${res.statusCode} ${text}`))));
    })
      .on("error", reject)
      .end();
  });
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await task(items[i] as T);
      }
    }),
  );
  return results;
}

/** Opens one stream of `path`, waits for its first bytes, and closes it. */
function touchStream(base: string, path: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { agent: false, headers: { accept: "text/event-stream", cookie } }, (res) => {
      res.once("data", () => {
        res.destroy();
        resolve();
      });
    })
      .on("error", reject)
      .end();
  });
}

/**
 * The API client's connection pool. Node 20's agent ignores the server's `Keep-Alive: timeout=5`
 * and keeps an idle socket until the server closes it (5–6 s idle), so a request sent on it at
 * that moment is reset: a failed change that no server would have prevented (seen about once in
 * six runs, three changes at once). Dropping idle sockets after 4 s, as the hint asks, ends it.
 */
const IDLE_SOCKET_MS = 4_000;

export function apiAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_SOCKET_MS });
}

export async function runWorkload(target: BenchTarget, workload: Workload, log: (line: string) => void): Promise<WorkloadResult> {
  const changes = Math.round(workload.rate * workload.seconds);
  if (changes > workload.customers * STEPS.length) {
    throw new Error(`${changes} changes need more than ${workload.customers} orders × ${STEPS.length} steps: raise --streams or lower --rate/--seconds.`);
  }
  let api = apiAgent();
  let base = target.url;
  const signIn = async () => {
    const login = await post(api, base, "/api/staff/session", { email: process.env.STAFF_EMAIL ?? "staff@tracker.local", password: process.env.STAFF_PASSWORD ?? "tracker-staff" });
    if (login.status !== 200) throw new Error(`staff sign-in failed: ${login.status} ${login.body}`);
    return String(login.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  };
  let cookie = await signIn();

  let t = performance.now();
  // One order more than there are customer streams: the warm-up's.
  const placed = await pool(Array.from({ length: workload.customers + 1 }, (_, i) => i), 16, async (i) => {
    const answer = await post(api, base, "/api/orders", { customerName: `Guest ${i}`, items: [{ name: "Margherita pizza", quantity: 1 }] });
    if (answer.status !== 201) throw new Error(`POST /api/orders: ${answer.status} ${answer.body}`);
    const body = JSON.parse(answer.body) as { order: { id: string; version: number }; trackingUrl: string };
    return { id: body.order.id, token: new URL(body.trackingUrl).pathname.split("/").pop() ?? "", version: body.order.version };
  });
  const ordersSeconds = (performance.now() - t) / 1000;
  const warmUp = placed.pop();
  const orders = placed;
  log(`${orders.length + 1} orders placed in ${ordersSeconds.toFixed(1)} s`);

  await target.restart();
  api.destroy();
  api = apiAgent();
  base = target.url;
  cookie = await signIn();
  const sampler = new ProcessSampler(target.pid);
  const { cursor } = JSON.parse(await get(api, base, "/api/staff/orders?status=placed", cookie)) as { cursor: number };
  // Every code path the measurement uses runs once before the baseline: route modules load,
  // the hub starts and stops.
  if (warmUp) {
    await touchStream(base, `/api/track/${warmUp.token}/events?lastEventId=${cursor}`, cookie);
    await touchStream(base, `/api/staff/events?lastEventId=${cursor}`, cookie);
    const answer = await post(api, base, `/api/staff/orders/${warmUp.id}/transitions`, { to: "confirmed", expectedVersion: warmUp.version }, cookie);
    if (answer.status !== 200) throw new Error(`warm-up transition: ${answer.status} ${answer.body}`);
  }
  const { cursor: start } = JSON.parse(await get(api, base, "/api/staff/orders?status=placed", cookie)) as { cursor: number };
  await sleep(1000);
  const baseline = sampler.sample();

  // Each change reaches its order's customer and every staff stream.
  const arrivals = new Arrivals(changes * (1 + workload.staff));
  const sockets: Socket[] = [];
  const sinks: Sink[] = [];
  t = performance.now();
  const streams = [
    ...orders.map((order) => ({ path: `/api/track/${order.token}/events?lastEventId=${start}`, customer: true })),
    ...Array.from({ length: workload.staff }, () => ({ path: `/api/staff/events?lastEventId=${start}`, customer: false })),
  ];
  const sources = sourceAddresses(streams.length);
  const { hostname: host, port } = new URL(base);
  await pool(
    streams.map((stream, i) => ({ ...stream, localAddress: sources[i % sources.length] as string })),
    OPEN_BATCH,
    async (stream) => {
      const sink = new Sink(stream.customer, start, arrivals);
      sinks.push(sink);
      sockets.push(await openSseStream({ host, port: Number(port), localAddress: stream.localAddress, path: stream.path, cookie }, sink));
    },
  );
  const openSeconds = (performance.now() - t) / 1000;
  log(`${sockets.length} streams open in ${openSeconds.toFixed(1)} s, from ${sources.length === 1 ? sources[0] : `${sources[0]} to ${sources[sources.length - 1]}`}`);
  await sleep(2000);
  const open = sampler.sample();

  // Drive: change k starts at k / rate seconds, whether or not earlier ones have answered.
  const starts = new Map<number, number>();
  const answerTimes: number[] = [];
  const errors: string[] = [];
  let answered = 0;
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const samples: ProcessSample[] = [open];
  const ticker = setInterval(() => samples.push(sampler.sample()), 500);
  const driveStart = performance.now();
  arrivals.driveStart = driveStart;
  const monitor = new ClientMonitor(driveStart);
  for (let k = 0; k < changes; k++) {
    const due = driveStart + (k * 1000) / workload.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const order = orders[k % orders.length];
    if (!order) break;
    const to = STEPS[Math.floor(k / orders.length)] as string;
    const expectedVersion = order.version;
    order.version += 1;
    const started = performance.now();
    inFlight.push(
      post(api, base, `/api/staff/orders/${order.id}/transitions`, { to, expectedVersion }, cookie).then(
        (answer) => {
          if (answer.status !== 200) {
            failed += 1;
            if (errors.length < 5) errors.push(`${answer.status} ${answer.body.slice(0, 200)}`);
            return;
          }
          answerTimes.push(performance.now() - started);
          const timeline = (JSON.parse(answer.body) as { order: { timeline: { eventId: number }[] } }).order.timeline;
          const eventId = timeline[timeline.length - 1]?.eventId;
          if (eventId !== undefined) starts.set(eventId, started);
          answered += 1;
        },
        (error: unknown) => {
          failed += 1;
          if (errors.length < 5) errors.push(String(error));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const driveSeconds = (performance.now() - driveStart) / 1000;

  // Wait for deliveries still on their way, up to DRAIN_MS.
  const expected = starts.size * (1 + workload.staff);
  const drainUntil = performance.now() + DRAIN_MS;
  // Every answer is in, so `starts` is complete: each check reads only what arrived since the last.
  let counted = 0;
  let checked = 0;
  const count = () => {
    for (; checked < arrivals.length; checked++) if (starts.has(arrivals.ids[checked] as number)) counted += 1;
    return counted;
  };
  while (performance.now() < drainUntil && count() < expected) await sleep(100);
  clearInterval(ticker);
  samples.push(sampler.sample());
  const { seconds: clientSeconds, ...client } = monitor.stop();
  const causes = causesBySecond({
    driveStart,
    seconds: Math.ceil((performance.now() - driveStart) / 1000),
    gc: target.gcPauses(),
    keepAlives: arrivals.keepAlives,
    client: clientSeconds,
  });
  for (const socket of sockets) socket.destroy();
  api.destroy();

  const all: number[] = [];
  const offsets: number[] = [];
  const customer: number[] = [];
  const staff: number[] = [];
  for (let i = 0; i < arrivals.length; i++) {
    const start = starts.get(arrivals.ids[i] as number);
    if (start === undefined) continue;
    const latency = (arrivals.times[i] as number) - start;
    all.push(latency);
    offsets.push(start - driveStart);
    (arrivals.customer[i] === 1 ? customer : staff).push(latency);
  }
  const received = all.length;
  const first = samples[0] as ProcessSample;
  const last = samples[samples.length - 1] as ProcessSample;
  return {
    changes: { offered: changes, answered, failed, errors },
    deliveries: {
      expected,
      received,
      lost: expected - received,
      duplicated: sinks.reduce((sum, sink) => sum + sink.duplicated, 0),
    },
    latency: { all: summarize(all), customer: summarize(customer), staff: summarize(staff) },
    answer: summarize(answerTimes),
    bySecond: perSecond(offsets, all),
    eventsPerSecond: received / driveSeconds,
    memory: {
      baselineRssBytes: baseline.rssBytes,
      openRssBytes: open.rssBytes,
      bytesPerStream: (open.rssBytes - baseline.rssBytes) / streams.length,
      peakRssBytes: Math.max(...samples.map((s) => s.rssBytes)),
    },
    cpuPercent: ProcessSampler.cpuPercent(first, last),
    cpuSeconds: last.cpuSeconds - first.cpuSeconds,
    client,
    causes,
    timings: { ordersSeconds, openSeconds, driveSeconds },
  };
}
