import { z } from "zod";
import { ORDER_STATUSES } from "./status";

// Characters no text field may hold. C0, DEL and C1 controls, and the line and paragraph
// separators, break lines in logs, terminals and the board. The bidi embedding, override and
// isolate controls reorder the text after them, so a customer name could display reversed or
// disguised on the staff board ("Trojan Source"). The directional marks (LRM, RLM, ALM) stay:
// they are part of typing right-to-left names and cannot reorder a run.
const REFUSED_IN_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// A note may span lines, so tab, LF and CR are allowed there.
const REFUSED_IN_NOTE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// A letter, digit, punctuation mark or symbol (emoji are symbols): without one a name would
// show as blank, e.g. a zero-width space alone.
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/**
 * Free text from customers and tills, as stored: NFC first, so text pasted in decomposed form
 * (macOS, some keyboards) is stored, compared and counted like the same text typed composed, and
 * the length limit applies to what is stored (NFC can grow a string, up to 3x for a few
 * characters). NFC, not NFKC: compatibility folding would rewrite what customers typed ("ﬁ",
 * "①", full-width letters). Lengths count code points (zod's string lengths do), so a
 * character outside the BMP (most emoji) counts once, as a customer would count it.
 */
const normalized = (max: number, refused: RegExp) =>
  z
    .string()
    .normalize("NFC")
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((value) => value.isWellFormed(), "must be valid Unicode (no lone surrogates)")
    .refine((value) => !refused.test(value), "must not contain control, line-separator or bidi-override characters");

const text = (max: number) =>
  normalized(max, REFUSED_IN_LINE)
    .min(1, "must not be empty")
    .refine((value) => value === "" || VISIBLE.test(value), "must contain a visible character");

const optionalText = (max: number) =>
  normalized(max, REFUSED_IN_NOTE)
    .refine((value) => value === "" || VISIBLE.test(value), "must contain a visible character")
    .optional()
    .transform((value) => (value ? value : undefined));

export const orderItemSchema = z.strictObject({
  name: text(100),
  quantity: z.number().int("must be a whole number").min(1).max(99),
});

export const createOrderSchema = z.strictObject({
  customerName: text(100),
  items: z.array(orderItemSchema).min(1, "an order needs at least one item").max(50, "at most 50 items"),
  note: optionalText(500),
});

/** What the service accepts: the schema's shape (callers outside HTTP, like the seed, skip `note`). */
export type CreateOrderInput = z.input<typeof createOrderSchema>;

export const transitionSchema = z.strictObject({
  to: z.enum(ORDER_STATUSES),
  expectedVersion: z.number().int().min(1).max(1_000_000),
  note: optionalText(500),
});

export const staffLoginSchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(254).email(),
  // Opaque: not trimmed or normalized here (the hash does its own NFKC, lib/auth/password.ts).
  // Controls are refused as in PRECIS's OpaqueString (RFC 8265), lone surrogates because UTF-8
  // cannot carry them: two different strings would hash alike.
  password: z
    .string()
    .min(1)
    .max(1024)
    .refine((value) => value.isWellFormed(), "must be valid Unicode (no lone surrogates)")
    .refine((value) => !/[\u0000-\u001f\u007f-\u009f]/.test(value), "must not contain control characters"),
});

const STATUS_LIST_MAX = 200;

export const staffOrdersQuerySchema = z.strictObject({
  status: z
    .string()
    // Every status once is 69 characters; the cap keeps junk from becoming one issue per comma.
    .max(STATUS_LIST_MAX)
    .optional()
    .transform((value) => (value ? value.split(",").map((s) => s.trim()) : undefined))
    .pipe(z.array(z.enum(ORDER_STATUSES)).optional()),
  includeFinished: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
