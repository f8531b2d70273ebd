import { randomInt, randomUUID } from "node:crypto";

// No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read aloud over a counter and typed from receipts.
const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const CODE_LENGTH = 5;

/** A short human code (25^5 ≈ 9.8 million); uniqueness is enforced by the database. */
export function newOrderCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function newId(): string {
  return randomUUID();
}

/** What newId() makes (randomUUID is lower-case). */
export const ORDER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
