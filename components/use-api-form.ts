"use client";

import { useState, type FormEvent } from "react";
import { callApi } from "./integrations-api";

/**
 * A form that POSTs what `bodyOf` reads from it to `path`: the server's message on a refusal,
 * the answer to `onAnswer` (and an emptied form) on success.
 */
export function useApiForm<Answer>(path: string, bodyOf: (data: FormData) => unknown, onAnswer: (answer: Answer) => void) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const form = event.currentTarget;
    setSubmitting(true);
    setError(null);
    const result = await callApi<Answer>("POST", path, bodyOf(new FormData(form)));
    setSubmitting(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    form.reset();
    onAnswer(result.body);
  }

  return { error, submitting, onSubmit };
}
