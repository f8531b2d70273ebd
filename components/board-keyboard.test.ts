import { describe, expect, it } from "vitest";
import { commandFor, focusAfterChange, isTypingElement, moveFocus, type BoardGrid, type KeyPress } from "./board-keyboard";

const key = (k: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe("commandFor", () => {
  it("acts on the focused card", () => {
    expect(commandFor(key("Enter"), "card")).toEqual({ type: "advance" });
    expect(commandFor(key("a"), "card")).toEqual({ type: "advance" });
    expect(commandFor(key("n"), "card")).toEqual({ type: "advance-with-note" });
    expect(commandFor(key("x"), "card")).toEqual({ type: "cancel" });
    expect(commandFor(key("C"), "card")).toEqual({ type: "cancel" });
    expect(commandFor(key("ArrowRight"), "card")).toEqual({ type: "move", direction: "right" });
    expect(commandFor(key("End"), "card")).toEqual({ type: "move", direction: "last" });
  });

  it("never fires while typing, or with a browser's modifier held", () => {
    for (const k of ["/", "?", "a", "x", "n", "Enter", "ArrowDown", "Escape"]) {
      expect(commandFor(key(k), "typing"), k).toBeNull();
    }
    expect(commandFor(key("a", { ctrlKey: true }), "card")).toBeNull();
    expect(commandFor(key("/", { metaKey: true }), "none")).toBeNull();
    expect(commandFor(key("ArrowLeft", { altKey: true }), "card")).toBeNull();
  });

  it("leaves a button's own keys alone, but search and help work from anywhere else", () => {
    expect(commandFor(key("Enter"), "control")).toBeNull();
    expect(commandFor(key("a"), "control")).toBeNull();
    expect(commandFor(key("ArrowDown"), "control")).toBeNull();
    expect(commandFor(key("/"), "control")).toEqual({ type: "focus-search" });
    expect(commandFor(key("?"), "none")).toEqual({ type: "help" });
  });

  it("lets the arrows enter the board from nowhere, but not Home and End (they scroll the page)", () => {
    expect(commandFor(key("ArrowDown"), "none")).toEqual({ type: "move", direction: "down" });
    expect(commandFor(key("Home"), "none")).toBeNull();
    expect(commandFor(key("a"), "none")).toBeNull();
  });
});

describe("isTypingElement", () => {
  it("knows text fields from other controls", () => {
    expect(isTypingElement({ tagName: "INPUT", type: "search" })).toBe(true);
    expect(isTypingElement({ tagName: "input" })).toBe(true);
    expect(isTypingElement({ tagName: "TEXTAREA" })).toBe(true);
    expect(isTypingElement({ tagName: "SELECT" })).toBe(true);
    expect(isTypingElement({ tagName: "DIV", isContentEditable: true })).toBe(true);
    expect(isTypingElement({ tagName: "INPUT", type: "checkbox" })).toBe(false);
    expect(isTypingElement({ tagName: "BUTTON" })).toBe(false);
    expect(isTypingElement({ tagName: "ARTICLE" })).toBe(false);
  });
});

const grid: BoardGrid = [
  { key: "placed", ids: ["p1", "p2", "p3"] },
  { key: "confirmed", ids: [] },
  { key: "preparing", ids: ["r1"] },
  { key: "ready", ids: ["y1", "y2"] },
];

describe("moveFocus", () => {
  it("moves within a column and stops at its ends", () => {
    expect(moveFocus(grid, "p1", "down")).toBe("p2");
    expect(moveFocus(grid, "p3", "down")).toBe("p3");
    expect(moveFocus(grid, "p2", "up")).toBe("p1");
    expect(moveFocus(grid, "p1", "up")).toBe("p1");
    expect(moveFocus(grid, "p2", "last")).toBe("p3");
    expect(moveFocus(grid, "p3", "first")).toBe("p1");
  });

  it("skips empty columns and keeps the height where it can", () => {
    expect(moveFocus(grid, "p3", "right")).toBe("r1");
    expect(moveFocus(grid, "r1", "left")).toBe("p1");
    expect(moveFocus(grid, "p2", "right")).toBe("r1");
    expect(moveFocus(grid, "y2", "left")).toBe("r1");
    expect(moveFocus(grid, "r1", "right")).toBe("y1");
    expect(moveFocus(grid, "y2", "right")).toBe("y2");
    expect(moveFocus(grid, "p2", "left")).toBe("p2");
  });

  it("starts at the first card when nothing on the board has focus", () => {
    expect(moveFocus(grid, null, "down")).toBe("p1");
    expect(moveFocus(grid, "gone", "left")).toBe("p1");
    expect(moveFocus([{ key: "placed", ids: [] }], null, "down")).toBeNull();
  });
});

describe("focusAfterChange", () => {
  it("follows the order to its new column", () => {
    const after: BoardGrid = [
      { key: "placed", ids: ["p1", "p3"] },
      { key: "confirmed", ids: ["p2"] },
      { key: "preparing", ids: ["r1"] },
      { key: "ready", ids: ["y1", "y2"] },
    ];
    expect(focusAfterChange(grid, after, "p2")).toBe("p2");
  });

  it("goes to the card below, then above, when the order leaves the board", () => {
    const withoutP2: BoardGrid = [{ key: "placed", ids: ["p1", "p3"] }, ...grid.slice(1)];
    expect(focusAfterChange(grid, withoutP2, "p2")).toBe("p3");
    const withoutP3: BoardGrid = [{ key: "placed", ids: ["p1", "p2"] }, ...grid.slice(1)];
    expect(focusAfterChange(grid, withoutP3, "p3")).toBe("p2");
  });

  it("goes to the nearest column with cards when its column is empty or hidden", () => {
    const readyEmptied: BoardGrid = [...grid.slice(0, 3), { key: "ready", ids: [] }];
    expect(focusAfterChange(grid, readyEmptied, "y1")).toBe("r1");
    const onlyReady: BoardGrid = [{ key: "ready", ids: ["y2"] }];
    expect(focusAfterChange(grid, onlyReady, "p1")).toBe("y2");
    expect(focusAfterChange(grid, [{ key: "placed", ids: [] }], "p1")).toBeNull();
  });
});
