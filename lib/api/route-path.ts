/**
 * A route's path as its folder under `app/` spells it (`/api/track/[token]/events`), matched
 * against a request target. The hot paths (server.ts) write their pattern once, this way, beside
 * their handler, and a test holds each one to the folder of the route file that re-exports it.
 */

export type RouteParams = Record<string, string>;

type Segments<Path extends string> = Path extends `${infer Head}/${infer Rest}` ? Head | Segments<Rest> : Path;
type ParamName<Segment> = Segment extends `[${infer Name}]` ? Name : never;
/** `{ token: string }` for "/api/track/[token]/events": the params a route handler of that path gets. */
export type ParamsOf<Path extends string> = { [Name in ParamName<Segments<Path>>]: string };

/** `(target) => params | null`: the decoded `[name]` segments of a matching target. */
export type RouteMatcher<Path extends string = string> = (target: string) => ParamsOf<Path> | null;

const PARAM = /^\[([A-Za-z_][A-Za-z0-9_]*)\]$/;

export function compileRoutePath<Path extends string>(path: Path): RouteMatcher<Path> {
  const segments = path.split("/").slice(1);
  const names = segments.map((segment) => PARAM.exec(segment)?.[1] ?? null);
  return (target) => {
    const end = target.search(/[?#]/);
    const parts = (end === -1 ? target : target.slice(0, end)).split("/").slice(1);
    if (parts.length !== segments.length) return null;
    const params: RouteParams = {};
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const name = names[i];
      if (name === null || name === undefined) {
        if (part !== segments[i]) return null;
        continue;
      }
      if (part === "") return null;
      try {
        params[name] = decodeURIComponent(part);
      } catch {
        // The edge repairs undecodable paths (lib/http/decodable-path.ts); this is for safety.
        return null;
      }
    }
    // Built from the very names ParamsOf reads out of `path`, one string per `[name]` segment.
    return params as ParamsOf<Path>;
  };
}
