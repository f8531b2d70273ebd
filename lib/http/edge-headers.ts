/**
 * The request headers only the edge writes (lib/http/edge.ts): what the socket and the trusted
 * proxies say about a request, which a route handler cannot see for itself. The edge drops every
 * client-sent header with this prefix before it stamps its own, so none of them can be forged.
 *
 * Pure, with no server-only import: unit tests and the edge read the same names.
 */
export const INTERNAL_HEADER_PREFIX = "x-tracker-";

/** The client's address: the socket's peer, or what the outermost trusted proxy saw. */
export const CLIENT_ADDRESS_HEADER = "x-tracker-client";

/** The origin the client used: its Host (or a trusted proxy's forwarded host) and scheme. */
export const ORIGIN_HEADER = "x-tracker-origin";

export function isInternalHeader(name: string): boolean {
  return name.length >= INTERNAL_HEADER_PREFIX.length && name.slice(0, INTERNAL_HEADER_PREFIX.length).toLowerCase() === INTERNAL_HEADER_PREFIX;
}
