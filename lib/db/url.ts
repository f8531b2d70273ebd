import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/tracker.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** The file a `file:` URL names, resolved against the project root (the working directory). */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a file: URL for the embedded SQLite database (got "${url.split(":")[0]}:...").`,
    );
  }
  const file = url.slice("file:".length).split("?")[0] ?? "";
  if (file === "") throw new Error("DATABASE_URL names no file (expected e.g. file:./data/tracker.db).");
  if (file === ":memory:") return file;
  // The database lives outside the bundle: tell Turbopack not to trace the project from here.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
}
