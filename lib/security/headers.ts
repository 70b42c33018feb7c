// Security headers, written once: the proxy puts them (with the page's CSP nonce) on everything
// Next answers, the custom server on everything it answers itself (the webhook receiver, static
// files), next.config on the rest. Edge-safe: no Node-only imports.

import { publicUrlIsHttps } from "../auth/session-policy";

/** Everything but the CSP: the same on every response. */
export function staticSecurityHeaders(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(self), screen-wake-lock=(), sync-xhr=(), usb=(), xr-spatial-tracking=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    ...(publicUrlIsHttps(env) ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy: scripts only with this response's nonce (and what they load,
 * 'strict-dynamic'), nothing may frame the console, forms post only here. Without a nonce (a
 * response the proxy did not see) no inline script runs at all.
 */
export function contentSecurityPolicy(nonce: string | null, options: { dev?: boolean; https?: boolean } = {}): string {
  const script = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${script}${options.dev ? " 'unsafe-eval'" : ""}`,
    // React and Next set style attributes (no nonce can cover those); inline <style> needs the nonce.
    `style-src 'self'${nonce ? ` 'nonce-${nonce}'` : ""}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
