"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useLayoutEffect, useReducer, useRef, useState, type FocusEvent, type ReactNode } from "react";
import { useClientNow } from "@/lib/hooks/use-now";
import { STAFF_EVENTS_PATH } from "@/lib/hooks/stream-url";
import { useEventSource } from "@/lib/hooks/use-event-source";
import { refusalMessage } from "@/lib/http/error-message";
import { STATUS_LABELS, canCancel, nextStatus, type OpenStatus, type OrderStatus } from "@/lib/orders/status";
import type { StaffEventPayload, StaffOrderView } from "@/lib/orders/types";
import { boardFilterQuery, filterColumns, isFiltering, lastStaffNote, type BoardFilter } from "./board-filter";
import { commandFor, focusAfterChange, isTypingElement, moveFocus, type BoardGrid, type FocusPlace } from "./board-keyboard";
import { boardReducer, initialBoardState, openColumns, recentlyFinished } from "./board-state";
import { BoardToolbar } from "./BoardToolbar";
import { ConnectionBadge } from "./ConnectionBadge";
import { LocalTime } from "./LocalTime";
import { OrderCard, cardDomId } from "./OrderCard";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { StatusIcon } from "./StatusIcon";
import { StatusPill } from "./StatusPill";
import { STATUS_STYLES } from "./status-styles";
import { TransitionDialog } from "./TransitionDialog";

type StaffEvents = { "order.created": StaffEventPayload; "order.status": StaffEventPayload };

interface Notice {
  id: number;
  message: string;
}

// Literal classes (Tailwind reads them whole): the wide-screen grid has one track per shown column.
const GRID_COLUMNS: Record<number, string> = {
  1: "lg:grid-cols-1",
  2: "lg:grid-cols-2",
  3: "lg:grid-cols-3",
  4: "lg:grid-cols-4",
  5: "lg:grid-cols-5",
};

function orderFrom(body: unknown): StaffOrderView | null {
  if (typeof body !== "object" || body === null || !("order" in body)) return null;
  const order = body.order;
  if (typeof order !== "object" || order === null || !("id" in order) || !("version" in order)) return null;
  // The transitions route answers with a StaffOrderView; the checks above guard against a proxy's error page.
  return order as StaffOrderView;
}

function focusCard(orderId: string | null): void {
  if (orderId !== null) document.getElementById(cardDomId(orderId))?.focus();
}

function focusPlace(target: EventTarget | null): { place: FocusPlace; card: HTMLElement | null } {
  if (!(target instanceof HTMLElement) || target === document.body) return { place: "none", card: null };
  if (isTypingElement(target)) return { place: "typing", card: null };
  const card = target.closest<HTMLElement>('[data-testid="order-card"]');
  return card === target ? { place: "card", card } : { place: "control", card: null };
}

export function StaffBoard({
  initialOrders,
  cursor,
  staffName,
  isOwner,
  initialFilter,
}: {
  initialOrders: StaffOrderView[];
  cursor: number;
  staffName: string;
  /** Owners also get the way to the API keys and webhooks page. */
  isOwner: boolean;
  /** The search and filter of the page's URL query. */
  initialFilter: BoardFilter;
}) {
  const router = useRouter();
  const now = useClientNow();
  const [board, dispatch] = useReducer(boardReducer, initialOrders, initialBoardState);
  const [filter, setFilter] = useState(initialFilter);
  const [pending, setPending] = useState<ReadonlyMap<string, OrderStatus>>(new Map());
  const [dialog, setDialog] = useState<{ orderId: string; to: OrderStatus } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [signingOut, setSigningOut] = useState(false);
  const noticeCount = useRef(0);
  const inFlight = useRef(new Set<string>());
  const searchRef = useRef<HTMLInputElement>(null);
  // The card that last had focus, and the board as it was while that card was on it: when the
  // card goes (its order moved column, finished, or fell out of the filter), focus follows the
  // order or moves to the card that took its place (focusAfterChange).
  const focused = useRef<{ id: string; element: HTMLElement } | null>(null);
  const focusedGrid = useRef<BoardGrid>([]);
  const restoreFocus = useRef(false);

  const allColumns = openColumns(board);
  const columns = filterColumns(allColumns, filter, now);
  const grid: BoardGrid = columns.map((column) => ({ key: column.status, ids: column.orders.map((order) => order.id) }));
  const openCount = allColumns.reduce((sum, column) => sum + column.orders.length, 0);
  const shownCount = columns.reduce((sum, column) => sum + column.orders.length, 0);
  const finished = recentlyFinished(board);
  const filtering = isFiltering(filter);
  const firstUnseen = allColumns.flatMap((column) => column.orders).find((order) => board.unseen.has(order.id));
  const dialogOrder = dialog ? board.orders[dialog.orderId] : undefined;
  const modalOpen = dialogOrder !== undefined || helpOpen;

  useLayoutEffect(() => {
    const restore = restoreFocus.current;
    restoreFocus.current = false;
    const current = focused.current;
    if (!current || modalOpen) return;
    const active = document.activeElement;
    const lost = !current.element.isConnected && (active === null || active === document.body);
    if (restore || lost) focusCard(focusAfterChange(focusedGrid.current, grid, current.id));
    if (grid.some((column) => column.ids.includes(current.id))) focusedGrid.current = grid;
  });

  useEffect(() => {
    const query = boardFilterQuery(filter);
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) {
      // Next's router keeps its own state in history.state; replacing the entry keeps it.
      window.history.replaceState(window.history.state, "", url);
    }
  }, [filter]);

  function showNotice(message: string) {
    noticeCount.current += 1;
    setNotice({ id: noticeCount.current, message });
  }

  const { state } = useEventSource<StaffEvents>(STAFF_EVENTS_PATH, cursor, {
    handlers: {
      "order.created": (payload) => {
        dispatch({ type: "event", payload });
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

  /** Sends a transition; answers null when it went through (or the page is leaving), else what to tell staff. */
  async function send(order: StaffOrderView, to: OrderStatus, note?: string): Promise<string | null> {
    if (inFlight.current.has(order.id)) return `Order ${order.code} is already being updated.`;
    inFlight.current.add(order.id);
    dispatch({ type: "seen", orderId: order.id });
    setPending((current) => new Map(current).set(order.id, to));
    try {
      const response = await fetch(`/api/staff/orders/${encodeURIComponent(order.id)}/transitions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to, expectedVersion: order.version, ...(note === undefined ? {} : { note }) }),
      });
      if (response.status === 401) {
        router.replace("/staff/login");
        return null;
      }
      const body: unknown = await response.json().catch(() => null);
      const fresh = orderFrom(body);
      if (response.ok && fresh) {
        dispatch({ type: "replace", order: fresh });
        setAnnouncement(`Order ${fresh.code} is now ${STATUS_LABELS[fresh.status]}.`);
        return null;
      }
      if (response.status === 409 && fresh) {
        dispatch({ type: "replace", order: fresh });
        // The server says which conflict it was (changed meanwhile, or a step that no longer applies).
        const conflict = refusalMessage(response.status, body, `Order ${order.code} was changed by someone else.`);
        return `${conflict} The board now shows its current state.`;
      }
      if (response.status === 404) {
        dispatch({ type: "remove", orderId: order.id });
        return `Order ${order.code} no longer exists.`;
      }
      return `Could not update order ${order.code}: ${refusalMessage(response.status, body)}`;
    } catch {
      return `Could not reach the server to update order ${order.code}. Check the connection and try again.`;
    } finally {
      inFlight.current.delete(order.id);
      setPending((current) => {
        const next = new Map(current);
        next.delete(order.id);
        return next;
      });
    }
  }

  async function transition(order: StaffOrderView, to: OrderStatus) {
    const message = await send(order, to);
    if (message) showNotice(message);
  }

  function openDialog(order: StaffOrderView, to: OrderStatus) {
    dispatch({ type: "seen", orderId: order.id });
    setDialog({ orderId: order.id, to });
  }

  function closeDialog() {
    restoreFocus.current = true;
    setDialog(null);
  }

  function closeHelp() {
    restoreFocus.current = true;
    setHelpOpen(false);
  }

  function onCardFocus(order: StaffOrderView, event: FocusEvent<HTMLElement>) {
    focused.current = { id: order.id, element: event.currentTarget };
    focusedGrid.current = grid;
    if (board.unseen.has(order.id)) dispatch({ type: "seen", orderId: order.id });
  }

  // The document-wide shortcuts read the latest render through this ref, so the listener is added once.
  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyRef.current = (event: KeyboardEvent) => {
      // Asks the page, not `modalOpen`: Escape closes a native dialog and puts focus back at once,
      // but its close event (and so the state) comes a task later, and a key can arrive between.
      if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
      const { place, card } = focusPlace(event.target);
      const command = commandFor(event, place);
      if (!command) return;
      const order = card?.dataset.orderId ? board.orders[card.dataset.orderId] : undefined;
      event.preventDefault();
      switch (command.type) {
        case "focus-search":
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case "help":
          setHelpOpen(true);
          return;
        case "move": {
          // From outside the cards an arrow comes back to the card last focused (or the first one).
          const last = focused.current?.id;
          const back = last !== undefined && grid.some((column) => column.ids.includes(last)) ? last : null;
          focusCard(order ? moveFocus(grid, order.id, command.direction) : (back ?? moveFocus(grid, null, command.direction)));
          return;
        }
        case "advance": {
          const next = order && nextStatus(order.status);
          if (order && next) void transition(order, next);
          return;
        }
        case "advance-with-note": {
          const next = order && nextStatus(order.status);
          if (order && next) openDialog(order, next);
          return;
        }
        case "cancel":
          if (order && canCancel(order.status)) openDialog(order, "cancelled");
          else if (order) setAnnouncement(`Order ${order.code} is ${STATUS_LABELS[order.status]} and can no longer be cancelled.`);
          return;
      }
    };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onKeyRef.current(event);
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  function leaveSearch(first: boolean) {
    const target = first ? moveFocus(grid, null, "down") : focused.current?.id;
    if (target) focusCard(target);
    else searchRef.current?.blur();
  }

  async function signOut() {
    setSigningOut(true);
    let response: Response;
    try {
      response = await fetch("/api/staff/session", { method: "DELETE" });
    } catch {
      // Going to the sign-in page is still right; the cookie expires on its own.
      router.replace("/staff/login");
      router.refresh();
      return;
    }
    // 401: there was no session left to end. Any other refusal leaves the session standing, and
    // the sign-in page would send us straight back here: say so rather than seem to sign out.
    if (!response.ok && response.status !== 401) {
      const body: unknown = await response.json().catch(() => null);
      showNotice(`Could not sign out: ${refusalMessage(response.status, body)}`);
      setSigningOut(false);
      return;
    }
    router.replace("/staff/login");
    router.refresh();
  }

  return (
    <div className="mx-auto w-full max-w-[100rem] px-4 py-6 sm:px-6">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Open orders</h1>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            <span className="font-semibold text-stone-700 tabular-nums dark:text-stone-200">{openCount}</span> open ·
            signed in as {staffName}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {firstUnseen && (
            <button
              type="button"
              data-testid="unseen-count"
              onClick={() => focusCard(firstUnseen.id)}
              className="inline-flex items-center gap-1.5 rounded-full bg-brand-700 px-3 py-1 text-xs font-semibold text-white shadow-sm transition hover:bg-brand-800"
            >
              {board.unseen.size} new
              <span className="sr-only">{board.unseen.size === 1 ? "order" : "orders"}: go to the oldest</span>
            </button>
          )}
          <ConnectionBadge state={state} />
          {isOwner && (
            <Link
              href="/staff/integrations"
              className="rounded-full border border-stone-300 px-3 py-1.5 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
            >
              API keys and webhooks
            </Link>
          )}
          <button
            type="button"
            aria-haspopup="dialog"
            aria-keyshortcuts="?"
            onClick={() => setHelpOpen(true)}
            className="rounded-full border border-stone-300 px-3 py-1.5 text-sm font-semibold text-stone-700 transition hover:bg-stone-100 dark:border-stone-700 dark:text-stone-200 dark:hover:bg-stone-800"
          >
            Shortcuts <kbd className="ml-1 font-mono text-xs text-stone-500 dark:text-stone-400">?</kbd>
          </button>
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

      <BoardToolbar
        filter={filter}
        onChange={setFilter}
        searchRef={searchRef}
        shown={shownCount}
        total={openCount}
        onLeaveSearch={leaveSearch}
      />

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

      {/* relative: the visually hidden texts inside (absolutely positioned) scroll and clip with
          the columns instead of widening the page on a phone. */}
      <div
        className={`relative -mx-4 mt-5 flex snap-x snap-mandatory gap-4 overflow-x-auto px-4 pb-4 sm:-mx-6 sm:px-6 lg:mx-0 lg:grid lg:overflow-visible lg:px-0 ${
          GRID_COLUMNS[Math.max(1, columns.length)] ?? "lg:grid-cols-5"
        }`}
      >
        {columns.map(({ status, orders, total }) => (
          <BoardColumn key={status} status={status} count={orders.length} total={total} filtering={filtering}>
            {orders.map((order) => (
              <OrderCard
                key={order.id}
                order={order}
                pendingTarget={pending.get(order.id)}
                isNew={board.unseen.has(order.id)}
                onTransition={transition}
                onOpenDialog={openDialog}
                onFocus={onCardFocus}
              />
            ))}
          </BoardColumn>
        ))}
      </div>

      <section aria-labelledby="finished-heading" className="mt-8">
        <h2 id="finished-heading" className="text-sm font-semibold tracking-wide text-stone-600 uppercase dark:text-stone-400">
          Recently finished
        </h2>
        {finished.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600 dark:text-stone-400">
            Delivered and cancelled orders show up here for a while.
          </p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 overflow-hidden rounded-2xl border border-stone-200 bg-white dark:divide-stone-800 dark:border-stone-800 dark:bg-stone-900">
            {finished.map((order) => {
              const reason = lastStaffNote(order);
              return (
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
                  {reason && (
                    <span className="w-full break-words text-stone-600 sm:order-last dark:text-stone-400">
                      <span className="sr-only">Note: </span>“{reason.note}”
                    </span>
                  )}
                  <StatusPill status={order.status} />
                  <LocalTime iso={order.updatedAt} className="tabular-nums text-stone-600 dark:text-stone-400" />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="board-announcer">
        {announcement}
      </div>

      {dialog && dialogOrder && (
        <TransitionDialog order={dialogOrder} to={dialog.to} onSubmit={send} onClose={closeDialog} />
      )}
      {helpOpen && <ShortcutsDialog onClose={closeHelp} />}
    </div>
  );
}

function BoardColumn({
  status,
  count,
  total,
  filtering,
  children,
}: {
  status: OpenStatus;
  count: number;
  total: number;
  filtering: boolean;
  children: ReactNode;
}) {
  const headingId = `column-${status}`;
  const noun = total === 1 ? "order" : "orders";
  return (
    <section
      aria-labelledby={headingId}
      data-testid="board-column"
      data-status={status}
      className="flex w-[85%] max-w-sm shrink-0 snap-start flex-col rounded-3xl bg-stone-100 p-3 sm:w-80 lg:w-auto lg:max-w-none lg:min-w-0 dark:bg-stone-900/60"
    >
      <div className="flex items-center justify-between gap-2 px-1 pb-3">
        <div className="flex min-w-0 items-center gap-2">
          {/* Five columns side by side on a 1024 px tablet leave no room for the icon beside the name. */}
          <StatusIcon status={status} className={`size-5 shrink-0 lg:hidden xl:block ${STATUS_STYLES[status].text}`} />
          <h2 id={headingId} className="min-w-0 leading-tight font-semibold">
            {STATUS_LABELS[status]}
          </h2>
        </div>
        <span
          data-testid="column-count"
          className="shrink-0 rounded-full bg-white px-2 py-0.5 text-xs font-semibold tabular-nums text-stone-700 shadow-sm dark:bg-stone-800 dark:text-stone-300"
        >
          <span aria-hidden="true">{filtering ? `${count} of ${total}` : total}</span>
          <span className="sr-only">{filtering ? `${count} of ${total} ${noun} shown` : `${total} ${noun}`}</span>
        </span>
      </div>
      {count === 0 ? (
        <p className="rounded-2xl border-2 border-dashed border-stone-300 px-3 py-6 text-center text-sm text-stone-600 dark:border-stone-700 dark:text-stone-400">
          {filtering && total > 0 ? "No matching orders" : "Nothing here"}
        </p>
      ) : (
        <div className="flex flex-col gap-3">{children}</div>
      )}
    </section>
  );
}
