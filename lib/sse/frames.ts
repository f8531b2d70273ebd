/** The frames every stream shares, encoded once for the process and never mutated. */
import { encodeComment, encodeRetry } from "./encoder";

const encoder = new TextEncoder();

/** How long a browser waits before reconnecting after a dropped stream. */
const RECONNECT_DELAY_MS = 2000;

export const RETRY_BYTES: Uint8Array = encoder.encode(encodeRetry(RECONNECT_DELAY_MS));
export const KEEP_ALIVE_BYTES: Uint8Array = encoder.encode(encodeComment("keep-alive"));
