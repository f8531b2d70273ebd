import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PROGRESS, type OrderStatus } from "@/lib/orders/status";
import { StatusStepper } from "./StatusStepper";

function render(status: OrderStatus, reached: OrderStatus[]): string {
  return renderToStaticMarkup(createElement(StatusStepper, { status, reached: new Set(reached) }));
}

/** The width class of the bar's filling, the one element inside the progressbar. */
function barWidth(html: string): string | undefined {
  const bar = /role="progressbar"[^>]*><div class="([^"]*)"/.exec(html)?.[1] ?? "";
  return bar.split(" ").find((name) => name.startsWith("w-"));
}

describe("StatusStepper", () => {
  it("renders no style attribute, which the page's Content-Security-Policy would refuse", () => {
    for (const status of [...PROGRESS, "cancelled" as const]) {
      expect(render(status, PROGRESS.slice(0, 3))).not.toMatch(/\sstyle=/);
    }
  });

  it("widens the bar by one width class per step of the happy path", () => {
    const widths = PROGRESS.map((status, index) => barWidth(render(status, PROGRESS.slice(0, index + 1))));
    expect(widths[0]).toBe("w-[4%]");
    expect(widths.at(-1)).toBe("w-full");
    expect(widths.every((width) => width !== undefined)).toBe(true);
    expect(new Set(widths).size).toBe(PROGRESS.length);
  });

  it("shows a cancelled order's bar as far as it got", () => {
    expect(barWidth(render("cancelled", ["placed", "confirmed", "preparing"]))).toBe("w-2/5");
  });
});
