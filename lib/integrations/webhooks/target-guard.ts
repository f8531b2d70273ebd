/**
 * Webhook URLs are typed in by owners, but the server is what connects to them: without a guard a
 * URL could make Tracker POST into the shop's own network (a router's admin page, a cloud
 * metadata service at 169.254.169.254, a database on localhost). So only public unicast addresses
 * are reached, unless TRACKER_WEBHOOK_ALLOW_PRIVATE=true (a receiver on the shop's own network,
 * and the tests).
 *
 * Checked twice: when an endpoint is added (its host's addresses now), and on every connection,
 * in the socket's own DNS lookup, so a name that resolves elsewhere later (DNS rebinding) is
 * refused at the address actually connected to. Redirects are never followed (send.ts).
 * Address ranges come from ipaddr.js (IANA's special-purpose registries, IPv4-mapped IPv6 unwrapped).
 */
import "server-only";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export function privateTargetsAllowed(): boolean {
  return process.env.TRACKER_WEBHOOK_ALLOW_PRIVATE?.trim() === "true";
}

/** Why an address may not be connected to, or null when it may (a public unicast address). */
export function refusedAddress(address: string, allowPrivate = privateTargetsAllowed()): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const range = ipaddr.process(address).range();
  if (range === "unicast" || allowPrivate) return null;
  return `${address} is a ${range} address; set TRACKER_WEBHOOK_ALLOW_PRIVATE=true to deliver to private, loopback or link-local targets`;
}

/** What is wrong with a webhook URL as typed (scheme, credentials, an IP literal's range), or null. */
export function urlProblem(url: string): string | null {
  if (!URL.canParse(url)) return "must be an absolute URL";
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return "must be an http or https URL";
  if (parsed.username || parsed.password) return "must not hold credentials (the signature proves who sends)";
  if (parsed.hash) return "must not have a #fragment";
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(host) ? refusedAddress(host) : null;
}

/** Resolves a URL's host now and says why one of its addresses is refused, or null. */
export async function resolvedProblem(url: string): Promise<string | null> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) return refusedAddress(host);
  try {
    const addresses = await dns.promises.lookup(host, { all: true });
    for (const { address } of addresses) {
      const problem = refusedAddress(address);
      if (problem) return `${host} resolves to ${problem}`;
    }
    return null;
  } catch (error) {
    return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "error"})`;
  }
}

/** A socket `lookup` that refuses any address the guard refuses (node:http uses it for host names). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 0);
    for (const { address } of addresses) {
      const problem = refusedAddress(address);
      if (problem) return callback(Object.assign(new Error(`refused: ${problem}`), { code: "EREFUSEDTARGET" }), "", 0);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
    callback(null, first.address, first.family);
  });
};
