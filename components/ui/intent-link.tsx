"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

/**
 * A link shown on every page (sidebar, bell, account, "All batches") that prefetches its page when
 * the person reaches for it (hover or focus), not when it comes on screen. Every page is dynamic
 * and each action's revalidation empties the router cache, so on-sight prefetching rendered all
 * of them again after every save, submit and approval, on the server the person was waiting on.
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, "href" | "prefetch"> & { href: string }) {
  const router = useRouter();
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        router.prefetch(href);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        router.prefetch(href);
        onFocus?.(event);
      }}
    />
  );
}
