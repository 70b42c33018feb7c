"use client";

import { usePathname } from "next/navigation";
import type { NavItem } from "@/lib/auth/roles";
import { IntentLink } from "@/components/ui/intent-link";

function isActive(pathname: string, href: string, items: NavItem[]): boolean {
  if (pathname === href) return true;
  // The most specific item wins: /batches/new highlights "New batch", not "Batches".
  const longer = items.some((item) => item.href !== href && item.href.startsWith(href) && pathname.startsWith(item.href));
  return pathname.startsWith(`${href}/`) && !longer;
}

export function SidebarNav({ items }: { items: (NavItem & { badge?: number })[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex gap-1 overflow-x-auto lg:flex-col">
      {items.map((item) => {
        const active = isActive(pathname, item.href, items);
        return (
          <IntentLink
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            {item.label}
            {item.badge ? (
              <span className="ml-2 inline-flex min-w-5 justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white" data-testid="nav-badge">
                {item.badge}
                <span className="sr-only"> waiting for you</span>
              </span>
            ) : null}
          </IntentLink>
        );
      })}
    </nav>
  );
}
