/**
 * `npm test`'s first step, before the unit tests: a machine without a browser would otherwise
 * learn it only when scripts/e2e.ts starts, minutes later. Same finder as scripts/e2e.ts, so the
 * two cannot disagree; `npm run test:unit` does not run this (unit tests need no browser).
 */
import { preflightProblem } from "./chromium";

const problem = preflightProblem();
if (problem) {
  console.error(problem);
  process.exit(1);
}
