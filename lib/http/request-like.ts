/** What the request rules read (URL, headers): a fetch `Request`, or a thin view of anything like one. */
export interface RequestLike {
  url: string;
  headers: { get(name: string): string | null };
}
