"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

/** One TanStack Query cache per browser tab, for the pages that refresh themselves. */
export function QueryProvider({ children }: { children: ReactNode }) {
  // Live pages are kept fresh by server-sent events, so focus refetches would only add load.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
