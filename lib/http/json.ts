/**
 * JSON as I-JSON (RFC 7493) wants it from a client: well-formed, and no object naming a member
 * twice. `JSON.parse` silently keeps the last duplicate, so `{"to":"ready","to":"cancelled"}`
 * would mean whatever the last parser in a chain of proxies and loggers thought it meant.
 */

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseStrictJson(text: string): JsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: "The body is not valid JSON." };
  }
  const duplicate = duplicateKey(text);
  if (duplicate !== null) {
    return { ok: false, message: `The body names the member "${duplicate.slice(0, 40)}" twice in one object.` };
  }
  return { ok: true, value };
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/**
 * The first member name that occurs twice in one object of `text`, which must be valid JSON
 * (so every string after `{` or an object's `,` is a name). One pass, no recursion: depth costs
 * nothing but a stack entry.
 */
export function duplicateKey(text: string): string | null {
  // One entry per open container: the names seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    switch (text[i]) {
      case '"': {
        const end = stringEnd(text, i);
        const names = open.at(-1);
        if (expectName && names) {
          // Decoded, so "a" and "\u0061" are the same name, as JSON.parse sees them.
          const name = String(JSON.parse(text.slice(i, end + 1)));
          if (names.has(name)) return name;
          names.add(name);
          expectName = false;
        }
        i = end;
        break;
      }
      case "{":
        open.push(new Set());
        expectName = true;
        break;
      case "[":
        open.push(null);
        expectName = false;
        break;
      case "}":
      case "]":
        open.pop();
        expectName = false;
        break;
      case ",":
        expectName = open.at(-1) instanceof Set;
        break;
    }
  }
  return null;
}
