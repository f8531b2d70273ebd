/**
 * The shared fixture fails every test on a Content-Security-Policy violation (e2e/fixtures/csp.ts).
 * These tests make real violations on a real page, so the detector cannot stop working unnoticed.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

/** Resolves with the directive of the page's next violation, whatever the fixture does. */
function nextViolation(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective), { once: true }),
      ),
  );
}

/**
 * Serves the real page with its real headers, its HTML edited the way an injection (or a
 * component rendering `style={{ ... }}`) would. Injected through the HTML because Chromium trusts
 * a script that a page's own code inserts under 'strict-dynamic'.
 */
async function serveEdited(page: Page, path: string, edit: (html: string) => string): Promise<void> {
  await page.route(path, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: edit(await response.text()) });
  });
}

test("an inline script in the HTML is refused, and the fixture records it as an event and from the console", async ({ page, cspViolations }) => {
  await serveEdited(page, "/", (html) => html.replace("</body>", "<script>document.body.dataset.injected = 'ran'</script></body>"));
  await page.goto("/");
  await expect.poll(() => cspViolations.filter((line) => line.startsWith("event: script-src-elem"))).toHaveLength(1);
  await expect.poll(() => cspViolations.filter((line) => line.startsWith("console: "))).toHaveLength(1);
  expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
  // Made on purpose: clear them, or the fixture fails this test.
  cspViolations.length = 0;
});

test("a style attribute in server-rendered HTML is refused and recorded", async ({ page, cspViolations }) => {
  await serveEdited(page, "/", (html) => html.replace("<main ", '<main style="outline: 3px solid red" '));
  await page.goto("/");
  await expect.poll(() => cspViolations.filter((line) => line.startsWith("event: style-src-attr"))).toHaveLength(1);
  await expect.poll(() => cspViolations.filter((line) => line.startsWith("console: "))).toHaveLength(1);
  await expect(page.locator("main")).not.toHaveCSS("outline-style", "solid");
  cspViolations.length = 0;
});

test.fail("a test that leaves a violation behind fails", async ({ page }) => {
  await page.goto("/order");
  const refused = nextViolation(page);
  await page.evaluate(() => document.body.setAttribute("style", "background: red"));
  expect(await refused).toBe("style-src-attr");
  // Nothing else fails here: the fixture's check after the test must.
});
