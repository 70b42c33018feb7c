/** Recovery codes, shown once: each signs in (or steps up) one time when the app is not at hand. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h3 className="text-sm font-semibold text-amber-900">Your recovery codes</h3>
      <p className="mt-1 text-sm text-amber-800">Each works once, instead of a code from your app. Keep them somewhere safe: they are not shown again.</p>
      <ul className="mt-3 grid grid-cols-2 gap-1 font-mono text-sm text-slate-900" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}
