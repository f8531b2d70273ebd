"use client";

import { useRouter } from "next/navigation";
import { useEffect, useReducer, useRef, useState } from "react";
import { useEventSource } from "@/lib/hooks/use-event-source";
import { apiErrorMessage } from "@/lib/http/error-message";
import { STATUS_LABELS, type OrderStatus } from "@/lib/orders/status";
import type { StaffEventPayload, StaffOrderView } from "@/lib/orders/types";
import { boardReducer, initialBoardState, openColumns, recentlyFinished } from "./board-state";
import { ConnectionBadge } from "./ConnectionBadge";
import { LocalTime } from "./LocalTime";
import { OrderCard } from "./OrderCard";
import { StatusPill } from "./StatusPill";
import { STATUS_STYLES } from "./status-styles";

type StaffEvents = { "order.created": StaffEventPayload; "order.status": StaffEventPayload };

const HIGHLIGHT_MS = 6_000;

interface Notice {
  id: number;
  message: string;
}

function orderFrom(body: unknown): StaffOrderView | null {
  if (typeof body !== "object" || body === null || !("order" in body)) return null;
  const order = body.order;
  if (typeof order !== "object" || order === null || !("id" in order) || !("version" in order)) return null;
  // The transitions route answers with a StaffOrderView; the checks above guard against a proxy's error page.
  return order as StaffOrderView;
}

export function StaffBoard({
  initialOrders,
  cursor,
  staffName,
}: {
  initialOrders: StaffOrderView[];
  cursor: number;
  staffName: string;
}) {
  const router = useRouter();
  const [board, dispatch] = useReducer(boardReducer, initialOrders, initialBoardState);
  const [pending, setPending] = useState<ReadonlyMap<string, OrderStatus>>(new Map());
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [signingOut, setSigningOut] = useState(false);
  const highlightTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const noticeCount = useRef(0);

  useEffect(() => {
    const timers = highlightTimers.current;
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
  }, []);

  function highlight(orderId: string) {
    setHighlighted((current) => new Set(current).add(orderId));
    clearTimeout(highlightTimers.current.get(orderId));
    highlightTimers.current.set(
      orderId,
      setTimeout(() => {
        highlightTimers.current.delete(orderId);
        setHighlighted((current) => {
          const next = new Set(current);
          next.delete(orderId);
          return next;
        });
      }, HIGHLIGHT_MS),
    );
  }

  function showNotice(message: string) {
    noticeCount.current += 1;
    setNotice({ id: noticeCount.current, message });
  }

  const { state } = useEventSource<StaffEvents>(`/api/staff/events?lastEventId=${cursor}`, {
    handlers: {
      "order.created": (payload) => {
        dispatch({ type: "event", payload });
        highlight(payload.orderId);
        setAnnouncement(`New order ${payload.code} from ${payload.customerName}.`);
      },
      "order.status": (payload) => {
        dispatch({ type: "event", payload });
      },
    },
  });

  // EventSource hides status codes: when the stream keeps failing, ask an ordinary endpoint
  // whether the session has expired, and if so send the user to sign in again.
  useEffect(() => {
    if (state !== "reconnecting") return;
    let cancelled = false;
    fetch("/api/staff/orders?status=placed", { cache: "no-store" })
      .then((response) => {
        if (!cancelled && response.status === 401) router.replace("/staff/login");
      })
      .catch(() => {
        // Unreachable server: the stream's own backoff keeps trying.
      });
    return () => {
      cancelled = true;
    };
  }, [state, router]);

  async function transition(order: StaffOrderView, to: OrderStatus) {
    if (pending.has(order.id)) return;
    setPending((current) => new Map(current).set(order.id, to));
    try {
      const response = await fetch(`/api/staff/orders/${encodeURIComponent(order.id)}/transitions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to, expectedVersion: order.version }),
      });
      if (response.status === 401) {
        router.replace("/staff/login");
        return;
      }
      const body: unknown = await response.json().catch(() => null);
      const fresh = orderFrom(body);
      if (response.ok && fresh) {
        dispatch({ type: "replace", order: fresh });
      } else if (response.status === 409 && fresh) {
        dispatch({ type: "replace", order: fresh });
        showNotice(`Order ${order.code} was changed by someone else; showing its current state.`);
      } else if (response.status === 404) {
        dispatch({ type: "remove", orderId: order.id });
        showNotice(`Order ${order.code} no longer exists.`);
      } else {
        showNotice(`Could not update order ${order.code}: ${apiErrorMessage(body) ?? "the server did not accept it"}.`);
      }
    } catch {
      showNotice(`Could not reach the server to update order ${order.code}. Check the connection and try again.`);
    } finally {
      setPending((current) => {
        const next = new Map(current);
        next.delete(order.id);
        return next;
      });
    }
  }

  async function signOut() {
    setSigningOut(true);
    try {
      await fetch("/api/staff/session", { method: "DELETE" });
    } catch {
      // Going to the sign-in page is still right; the cookie expires on its own.
    }
    router.replace("/staff/login");
    router.refresh();
  }

  const columns = openColumns(board);
  const finished = recentlyFinished(board);
  const openCount = columns.reduce((sum, column) => sum + column.orders.length, 0);

  return (
    <div className="mx-auto w-full max-w-[100rem] px-4 py-6 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Open orders</h1>
          <p className="text-sm text-stone-500 dark:text-stone-400">
            <span className="font-semibold text-stone-700 tabular-nums dark:text-stone-200">{openCount}</span> open ·
            signed in as {staffName}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <ConnectionBadge state={state} />
          <button
            type="button"
            onClick={signOut}
            disabled={signingOut}
            className="rounded-full border border-stone-300 px-4 py-1.5 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 disabled:opacity-60 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
          >
            Sign out
          </button>
        </div>
      </header>

      {notice && (
        <div
          key={notice.id}
          role="alert"
          data-testid="board-alert"
          className="mt-4 flex animate-arrive items-start justify-between gap-3 rounded-2xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <p>{notice.message}</p>
          <button
            type="button"
            onClick={() => setNotice(null)}
            className="shrink-0 rounded-md px-1.5 font-semibold underline-offset-2 hover:underline"
          >
            Dismiss
          </button>
        </div>
      )}

      <div className="-mx-4 mt-6 flex snap-x snap-mandatory gap-4 overflow-x-auto px-4 pb-4 sm:-mx-6 sm:px-6 lg:mx-0 lg:grid lg:grid-cols-5 lg:overflow-visible lg:px-0">
        {columns.map(({ status, orders }) => {
          const headingId = `column-${status}`;
          return (
            <section
              key={status}
              aria-labelledby={headingId}
              data-testid="board-column"
              data-status={status}
              className="flex w-[85%] max-w-sm shrink-0 snap-start flex-col rounded-3xl bg-stone-100 p-3 sm:w-80 lg:w-auto lg:max-w-none lg:min-w-0 dark:bg-stone-900/60"
            >
              <div className="flex items-center justify-between px-1 pb-3">
                <div className="flex items-center gap-2">
                  <span className={`size-2.5 rounded-full ${STATUS_STYLES[status].dot}`} aria-hidden="true" />
                  <h2 id={headingId} className="font-semibold">
                    {STATUS_LABELS[status]}
                  </h2>
                </div>
                <span
                  className="rounded-full bg-white px-2 py-0.5 text-xs font-semibold tabular-nums text-stone-600 shadow-sm dark:bg-stone-800 dark:text-stone-300"
                  aria-label={`${orders.length} ${orders.length === 1 ? "order" : "orders"}`}
                >
                  {orders.length}
                </span>
              </div>
              {orders.length === 0 ? (
                <p className="rounded-2xl border-2 border-dashed border-stone-200 px-3 py-6 text-center text-sm text-stone-400 dark:border-stone-800 dark:text-stone-500">
                  Nothing here
                </p>
              ) : (
                <div className="flex flex-col gap-3">
                  {orders.map((order) => (
                    <OrderCard
                      key={order.id}
                      order={order}
                      pendingTarget={pending.get(order.id)}
                      highlighted={highlighted.has(order.id)}
                      onTransition={transition}
                    />
                  ))}
                </div>
              )}
            </section>
          );
        })}
      </div>

      <section aria-labelledby="finished-heading" className="mt-8">
        <h2 id="finished-heading" className="text-sm font-semibold tracking-wide text-stone-500 uppercase dark:text-stone-400">
          Recently finished
        </h2>
        {finished.length === 0 ? (
          <p className="mt-2 text-sm text-stone-500 dark:text-stone-400">
            Delivered and cancelled orders show up here for a while.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {finished.map((order) => (
              <li
                key={order.id}
                data-testid="finished-order"
                data-order-id={order.id}
                data-code={order.code}
                data-status={order.status}
                className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5 text-sm"
              >
                <span className="font-mono font-bold tracking-wider">{order.code}</span>
                <span className="min-w-0 flex-1 truncate">{order.customerName}</span>
                <StatusPill status={order.status} />
                <LocalTime iso={order.updatedAt} className="tabular-nums text-stone-500 dark:text-stone-400" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <div aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </div>
    </div>
  );
}
