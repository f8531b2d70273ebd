"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { refusalMessage } from "@/lib/http/error-message";
import { SubmitButton } from "./SubmitButton";

export function StaffLoginForm() {
  const router = useRouter();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }

    setError(null);
    setSubmitting(true);
    try {
      const response = await fetch("/api/staff/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (response.ok) {
        router.replace("/staff");
        // The board is a server component reading the new cookie; drop any cached render of it.
        router.refresh();
        return;
      }
      const body: unknown = await response.json().catch(() => null);
      setError(
        refusalMessage(
          response.status,
          body,
          response.status === 401
            ? "Wrong email or password."
            : response.status === 400
              ? "Enter a valid email address and your password."
              : undefined,
        ),
      );
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setSubmitting(false);
  }

  const input =
    "mt-1.5 w-full rounded-xl border border-stone-300 bg-white px-3.5 py-2.5 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none dark:border-stone-700 dark:bg-stone-950";

  return (
    <form noValidate onSubmit={onSubmit} className="space-y-5">
      <div>
        <label htmlFor={`${id}-email`} className="block text-sm font-medium">
          Email
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          aria-describedby={error ? `${id}-error` : undefined}
          className={input}
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block text-sm font-medium">
          Password
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={error ? `${id}-error` : undefined}
          className={input}
        />
      </div>
      {error && (
        <p
          id={`${id}-error`}
          role="alert"
          data-testid="login-error"
          className="rounded-xl bg-status-cancelled/10 px-3 py-2 text-sm font-medium text-status-cancelled"
        >
          {error}
        </p>
      )}
      <SubmitButton submitting={submitting}>Sign in</SubmitButton>
    </form>
  );
}
