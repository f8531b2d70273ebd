/**
 * The origin customers reach us at, for links we hand out. TRACKER_PUBLIC_URL wins (set it
 * behind a proxy); otherwise the origin the request arrived at.
 */
export function publicOrigin(request: Request): string {
  const configured = process.env.TRACKER_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  return new URL(request.url).origin;
}
