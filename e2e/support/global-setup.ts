/**
 * Refuses to test a build that does not match the sources. `npm run test:e2e` rebuilds before it
 * gets here; a bare `npx playwright test` after an edit stops with this message instead.
 */
import { E2E_DIST_DIR, staleReason } from "../../scripts/build";

export default function globalSetup(): void {
  const reason = staleReason(E2E_DIST_DIR);
  if (reason) {
    throw new Error(`The e2e build in ${E2E_DIST_DIR}/ is not usable: ${reason}. Run \`npm run test:e2e\`, which rebuilds it.`);
  }
}
