import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6 text-center">
      <div>
        <p className="text-sm font-semibold text-brand-600">404</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">Nothing here</h1>
        <p className="mt-2 text-sm text-slate-500">The page or record does not exist, or was removed.</p>
        <Link href="/batches" className={buttonClasses("secondary", "mt-6")}>
          Back to batches
        </Link>
      </div>
    </main>
  );
}
