import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";

// Reachable signed out: the sign-in page, next-auth itself, the health probe and the webhook
// receiver (which authenticates each delivery by its per-batch secret).
const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/webhooks\//];

/** Only redirects signed-out people; every page, action and handler checks roles itself. */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return NextResponse.next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "unauthenticated", message: "Sign in to continue" }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = {
  // Static files from public/ and the app icon are served to anyone.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|manifest.webmanifest|robots.txt).*)"],
};
