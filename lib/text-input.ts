import { z } from "zod";

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

/** One line of text a person reads (a name, an item): at least one visible character. */
export const lineText = (max: number) =>
  normalized(max, REFUSED_IN_LINE)
    .min(1, "must not be empty")
    .refine((value) => value === "" || VISIBLE.test(value), "must contain a visible character");

/** A note: may span lines; empty or absent is no note. */
export const optionalNoteText = (max: number) =>
  normalized(max, REFUSED_IN_NOTE)
    .refine((value) => value === "" || VISIBLE.test(value), "must contain a visible character")
    .optional()
    .transform((value) => (value ? value : undefined));
