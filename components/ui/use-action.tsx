"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";

export type ActionMessage = { tone: "error" | "success"; text: string };

/**
 * The one way a button calls a server action: pending state, the result as a message (an alert
 * for a refusal, a status for success), and a refresh of the server render on success. `then`
 * runs after success (a redirect to a new batch, say) instead of the refresh.
 */
export function useAction<I, T>(action: (input: I) => Promise<ActionResult<T>>, options: { success: (data: T) => string; then?: (data: T) => void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<ActionMessage | null>(null);
  const run = (input: I) =>
    startTransition(async () => {
      setMessage(null);
      const result = await action(input);
      if (!result.ok) {
        setMessage({ tone: "error", text: result.message });
        return;
      }
      setMessage({ tone: "success", text: options.success(result.data) });
      if (options.then) options.then(result.data);
      else router.refresh();
    });
  return { pending, run, message, setMessage, feedback: <ActionFeedback message={message} /> };
}

/** The message under a button: an alert for a refusal, a polite status for success. */
export function ActionFeedback({ message, children }: { message: ActionMessage | null; children?: ReactNode }) {
  if (!message) return null;
  return (
    <p role={message.tone === "error" ? "alert" : "status"} className={`mt-3 text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-800"}`} data-testid={`action-${message.tone}`}>
      {message.text}
      {children}
    </p>
  );
}
