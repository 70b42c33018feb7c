export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="currentColor" className="text-brand-600" />
        <path d="M9 20.5 15 9l2.4 4.6L22 11l-5 12.5-2.4-4.6z" fill="#fff" />
      </svg>
      Payout Desk
    </span>
  );
}
