import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-6 text-center">
      <div>
        <p className="text-sm font-semibold text-brand-600">403</p>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-slate-500">Your role does not include it. Ask an admin if you need it.</p>
        <Link href="/batches" className={buttonClasses("secondary", "mt-6")}>
          Back to batches
        </Link>
      </div>
    </main>
  );
}
