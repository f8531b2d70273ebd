import { z } from "zod";
import { ORDER_STATUSES } from "./status";

/** Free text from customers and tills: trimmed, bounded, no control characters. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, "must not contain control characters")
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
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

export const staffOrdersQuerySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((s) => s.trim()) : undefined))
    .pipe(z.array(z.enum(ORDER_STATUSES)).optional()),
  includeFinished: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value === "true"),
});
