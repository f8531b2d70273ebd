"use client";

import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { STATUS_DESCRIPTIONS, STATUS_LABELS, type OrderStatus } from "@/lib/orders/status";

/** What a status change needs to be told about while the customer looks elsewhere. */
export interface AttentionOrder {
  id: string;
  code: string;
  status: OrderStatus;
}

/** "(2) Out for delivery · Order A7K2Q": unseen changes first, so a crowded tab strip still shows them. */
export function attentionTitle(unseen: number, order: Pick<AttentionOrder, "code" | "status">): string {
  return `(${unseen}) ${STATUS_LABELS[order.status]} · Order ${order.code}`;
}

// --- the opt-in -----------------------------------------------------------------------------

const optInKey = (orderId: string) => `tracker:notify:${orderId}`;
const optInListeners = new Set<() => void>();

function subscribeOptIn(listener: () => void): () => void {
  optInListeners.add(listener);
  // Another tab of the same order turning notifications on or off.
  window.addEventListener("storage", listener);
  return () => {
    optInListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function readOptIn(orderId: string): boolean {
  try {
    return window.localStorage.getItem(optInKey(orderId)) === "on";
  } catch {
    // Storage can be refused (privacy modes); without it the opt-in lasts no longer than the page.
    return false;
  }
}

function writeOptIn(orderId: string, on: boolean): void {
  try {
    if (on) window.localStorage.setItem(optInKey(orderId), "on");
    else window.localStorage.removeItem(optInKey(orderId));
  } catch {
    // As above: nothing to remember it in.
  }
  for (const listener of optInListeners) listener();
}

/**
 * Whether this browser can show a notification from a page. Chrome on Android and Safari on iOS
 * have (or, for home-screen apps, get) the Notification API but refuse `new Notification` from a
 * page: they show notifications only through a service worker, which Tracker does not register.
 * There the button is hidden rather than offered and then broken.
 */
export function canNotifyFromPage(): boolean {
  if (typeof window === "undefined" || !("Notification" in window)) return false;
  return !/Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
}

export type NotifyState = "unavailable" | "off" | "on" | "blocked";

function notifyState(orderId: string): NotifyState {
  if (!canNotifyFromPage()) return "unavailable";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && readOptIn(orderId) ? "on" : "off";
}

/**
 * The customer's choice about system notifications for one order, remembered per order. Nothing
 * is asked until `enable` runs, which must be called from a click: browsers only show the
 * permission prompt for a user gesture, and asking on load is what teaches people to say no.
 */
export function useNotifyOptIn(orderId: string): {
  state: NotifyState;
  enable: () => Promise<void>;
  disable: () => void;
} {
  const state = useSyncExternalStore(
    subscribeOptIn,
    () => notifyState(orderId),
    (): NotifyState => "unavailable",
  );
  const enable = useCallback(async () => {
    const permission = await Notification.requestPermission();
    writeOptIn(orderId, permission === "granted");
  }, [orderId]);
  const disable = useCallback(() => writeOptIn(orderId, false), [orderId]);
  return { state, enable, disable };
}

function showNotification(order: AttentionOrder): void {
  const title = `${STATUS_LABELS[order.status]} · Order ${order.code}`;
  // One notification per order: a newer status replaces the older one instead of piling up.
  const options: NotificationOptions = { body: STATUS_DESCRIPTIONS[order.status], tag: `order-${order.id}`, icon: "/icon.svg" };
  try {
    const notification = new Notification(title, options);
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // A browser that refuses page notifications after all: the title still tells.
  }
}

// --- the title ------------------------------------------------------------------------------

/**
 * Draws the customer back to a tab in the background: each status change while the page is
 * hidden counts in document.title ("(1) Out for delivery · Order A7K2Q") and, when they opted in
 * for this order, shows a system notification. The title is restored the moment the tab is seen.
 * Call the returned function with the order after each status change.
 */
export function useAttention(): (order: AttentionOrder) => void {
  const unseen = useRef(0);
  const restoreTitle = useRef<string | null>(null);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState !== "visible" || restoreTitle.current === null) return;
      document.title = restoreTitle.current;
      restoreTitle.current = null;
      unseen.current = 0;
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, []);

  return useCallback((order: AttentionOrder) => {
    if (document.visibilityState === "visible") return;
    restoreTitle.current ??= document.title;
    unseen.current += 1;
    document.title = attentionTitle(unseen.current, order);
    if (notifyState(order.id) === "on") showNotification(order);
  }, []);
}
