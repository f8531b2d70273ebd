/**
 * What a page shows of its live connection. "polling": the stream cannot get through (no
 * EventSource, a proxy that holds it back), so the page asks for news every few seconds instead.
 */
export type ConnectionState = "connecting" | "live" | "polling" | "reconnecting" | "offline" | "closed";
