/**
 * Which database a DATABASE_URL names: `file:` is the embedded SQLite default (one process),
 * `postgres://` / `postgresql://` is PostgreSQL (any number of instances). Everything that differs
 * between the two asks this, so the rule lives once.
 *
 * No `server-only` import: the CLI scripts run this under tsx.
 */
export type Provider = "sqlite" | "postgresql";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL)${scheme ? `, not ${scheme}:` : ""}.`,
  );
}
