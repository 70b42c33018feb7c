"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/login" })} className="mt-1 text-xs font-medium text-brand-600 hover:text-brand-700">
      Sign out
    </button>
  );
}
