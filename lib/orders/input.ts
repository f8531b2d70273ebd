import { z } from "zod";
import { lineText as text, optionalNoteText as optionalText } from "@/lib/text-input";
import { ORDER_STATUSES } from "./status";

export const orderItemSchema = z.strictObject({
  name: text(100),
  quantity: z.number().int("must be a whole number").min(1).max(99),
});

export const createOrderSchema = z.strictObject({
  customerName: text(100),
  items: z.array(orderItemSchema).min(1, "an order needs at least one item").max(50, "at most 50 items"),
  note: optionalText(500),
  // The placing system's own number for the order (a till's receipt number): unique per API key.
  externalId: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, "must be 1 to 100 printable ASCII characters without spaces")
    .optional(),
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
