/**
 * The staff board's keyboard path: which key does what where, and where focus goes when arrows
 * move it or when the focused order leaves its place. Pure; StaffBoard wires it to the DOM.
 */

/** The cards on screen: one entry per visible column, its order ids top to bottom. */
export type BoardGrid = readonly { key: string; ids: readonly string[] }[];

export type Direction = "up" | "down" | "left" | "right" | "first" | "last";

export type BoardCommand =
  | { type: "focus-search" }
  | { type: "help" }
  | { type: "move"; direction: Direction }
  | { type: "advance" }
  | { type: "advance-with-note" }
  | { type: "cancel" };

/** Where keyboard focus is when a key is pressed. */
export type FocusPlace =
  /** An order card itself (not a button inside it). */
  | "card"
  /** A field that takes text: every key belongs to it. */
  | "typing"
  /** Nothing in particular (the page's body). */
  | "none"
  /** Any other control: a button, a link, a checkbox. */
  | "control";

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** The shortcuts, as the help dialog lists them. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ["/"], does: "Search orders" },
  { keys: ["Esc"], does: "Clear the search" },
  { keys: ["←", "↑", "↓", "→"], does: "Move between orders and columns" },
  { keys: ["Home", "End"], does: "First or last order in the column" },
  { keys: ["Enter", "A"], does: "Advance the focused order" },
  { keys: ["N"], does: "Advance the focused order with a note" },
  { keys: ["X", "C"], does: "Cancel the focused order (with a reason)" },
  { keys: ["Ctrl+Enter"], does: "Send the note or reason you are writing" },
  { keys: ["?"], does: "Show these shortcuts" },
];

const ARROWS: Record<string, Direction> = {
  ArrowUp: "up",
  ArrowDown: "down",
  ArrowLeft: "left",
  ArrowRight: "right",
  Home: "first",
  End: "last",
};

/** The board command a key press stands for, or null to leave the key to the browser. */
export function commandFor(press: KeyPress, place: FocusPlace): BoardCommand | null {
  if (place === "typing" || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === "/") return { type: "focus-search" };
  if (press.key === "?") return { type: "help" };
  const direction = ARROWS[press.key];
  if (direction) {
    // From nowhere the arrows enter the board; on a control they keep their own meaning.
    if (place === "card" || (place === "none" && direction !== "first" && direction !== "last")) {
      return { type: "move", direction };
    }
    return null;
  }
  if (place !== "card") return null;
  switch (press.key) {
    case "Enter":
    case "a":
    case "A":
      return { type: "advance" };
    case "n":
    case "N":
      return { type: "advance-with-note" };
    case "x":
    case "X":
    case "c":
    case "C":
      return { type: "cancel" };
    default:
      return null;
  }
}

const NON_TEXT_INPUTS = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** Whether an element takes typed text (so single-letter shortcuts must not fire there). */
export function isTypingElement(element: { tagName: string; isContentEditable?: boolean; type?: string }): boolean {
  const tag = element.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable) return true;
  return tag === "INPUT" && !NON_TEXT_INPUTS.has((element.type ?? "text").toLowerCase());
}

function locate(grid: BoardGrid, id: string | null): { column: number; row: number } | null {
  if (id === null) return null;
  for (const [column, { ids }] of grid.entries()) {
    const row = ids.indexOf(id);
    if (row !== -1) return { column, row };
  }
  return null;
}

function firstCard(grid: BoardGrid): string | null {
  for (const { ids } of grid) if (ids[0] !== undefined) return ids[0];
  return null;
}

/**
 * The card focus moves to from `current` (null or not on the board: the first card). Up and down
 * stay in the column; left and right go to the nearest column that has cards, at the same height
 * or its last card. At an edge focus stays where it is.
 */
export function moveFocus(grid: BoardGrid, current: string | null, direction: Direction): string | null {
  const at = locate(grid, current);
  if (!at) return firstCard(grid);
  const ids = grid[at.column]?.ids ?? [];
  switch (direction) {
    case "up":
      return ids[Math.max(0, at.row - 1)] ?? current;
    case "down":
      return ids[Math.min(ids.length - 1, at.row + 1)] ?? current;
    case "first":
      return ids[0] ?? current;
    case "last":
      return ids[ids.length - 1] ?? current;
    case "left":
    case "right": {
      const step = direction === "left" ? -1 : 1;
      for (let column = at.column + step; column >= 0 && column < grid.length; column += step) {
        const target = grid[column]?.ids ?? [];
        if (target.length > 0) return target[Math.min(at.row, target.length - 1)] ?? current;
      }
      return current;
    }
  }
}

/**
 * Where focus belongs after the board changed under the card `id` that had it: the same order if
 * it is still shown (it may have moved column); otherwise the card that took its place in its old
 * column (the one below, else the one above); otherwise the nearest column's first card; null on
 * an empty board.
 */
export function focusAfterChange(before: BoardGrid, after: BoardGrid, id: string): string | null {
  const shown = new Set(after.flatMap((column) => column.ids));
  if (shown.has(id)) return id;
  const at = locate(before, id);
  if (at) {
    const old = before[at.column];
    const column = after.find((candidate) => candidate.key === old?.key);
    if (old && column) {
      const below = old.ids.slice(at.row + 1).find((candidate) => shown.has(candidate));
      if (below) return below;
      const above = old.ids.slice(0, at.row).reverse().find((candidate) => shown.has(candidate));
      if (above) return above;
    }
    const index = after.findIndex((candidate) => candidate.key === old?.key);
    const origin = index === -1 ? at.column : index;
    const byDistance = after
      .map((candidate, position) => ({ candidate, distance: Math.abs(position - origin) }))
      .filter(({ candidate }) => candidate.ids.length > 0)
      .sort((a, b) => a.distance - b.distance);
    return byDistance[0]?.candidate.ids[0] ?? null;
  }
  return firstCard(after);
}
