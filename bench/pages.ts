import { gzipSync } from "node:zlib";
import type { Browser, Response } from "@playwright/test";
import type { Measure } from "./measure";
import { atMost, below } from "./results";
import { signIn, type SessionCookie } from "./sign-in";
import { median } from "./stats";

// The main pages; the admin may open every one of them (/login is loaded signed out).
const PAGES = ["/login", "/batches", "/batches/new", "/approvals", "/history", "/audit", "/admin"];
const LOADS = 3;

type PageLoad = { lcpMs: number; jsGzipBytes: number; scripts: number };

// Runs in the page before any of its scripts: keeps the latest largest-contentful-paint entry.
const OBSERVE_LCP = `
  window.__lcp = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

/** One cold load (fresh context: no cache, no service worker): its LCP and the JS it fetched before `load`, gzipped. */
async function loadPage(browser: Browser, url: string, cookies: SessionCookie[]): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  try {
    if (cookies.length > 0) await context.addCookies(cookies.map((cookie) => ({ ...cookie, url })));
    await context.addInitScript(OBSERVE_LCP);
    const page = await context.newPage();
    const scripts: Array<Promise<Buffer | null>> = [];
    let loaded = false;
    page.on("response", (response: Response) => {
      if (!loaded && response.request().resourceType() === "script") scripts.push(response.body().catch(() => null));
    });
    const response = await page.goto(url, { waitUntil: "load" });
    loaded = true;
    if (!response || response.status() >= 400) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
    if (new URL(page.url()).pathname !== new URL(url).pathname) throw new Error(`${url} redirected to ${page.url()} (not signed in?)`);
    // LCP settles once rendering does; a quiet network after `load` is as late as a page gets.
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    const lcp = await page.evaluate(() => (window as unknown as { __lcp: number | null }).__lcp);
    if (lcp === null) throw new Error(`${url}: the browser reported no largest-contentful-paint`);
    const bodies = (await Promise.all(scripts)).filter((body): body is Buffer => body !== null);
    return { lcpMs: lcp, jsGzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0), scripts: bodies.length };
  } finally {
    await context.close();
  }
}

export const pages: Measure = {
  key: "pages",
  title: "Pages: Largest Contentful Paint and first-load JS of the production build in Chromium",
  specs: [
    { name: "lcp_ms_max", unit: "ms", target: atMost(2500) },
    { name: "first_load_js_kb_max", unit: "KB gzip", target: below(200) },
  ],
  async run(env, log) {
    // With the million-row history in place, so /history and /audit paint over real volume.
    const [app, browser] = await Promise.all([env.app(), env.browser(), env.history()]);
    const { cookies } = await signIn(app.url, "admin@demo.test");
    const perPage: Array<{ path: string; lcpMs: number; jsKb: number; scripts: number }> = [];
    for (const path of PAGES) {
      const url = `${app.url}${path}`;
      const signedIn = path === "/login" ? [] : cookies;
      await loadPage(browser, url, signedIn); // warm the server (first render of a route), not measured
      const loads: PageLoad[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await loadPage(browser, url, signedIn));
      const entry = {
        path,
        lcpMs: median(loads.map((load) => load.lcpMs)),
        jsKb: Math.max(...loads.map((load) => load.jsGzipBytes)) / 1024,
        scripts: Math.max(...loads.map((load) => load.scripts)),
      };
      perPage.push(entry);
      log(`  ${path.padEnd(13)} LCP ${entry.lcpMs.toFixed(0).padStart(5)} ms · JS ${entry.jsKb.toFixed(1).padStart(6)} KB gzip in ${entry.scripts} files`);
    }
    const worstLcp = perPage.reduce((worst, entry) => (entry.lcpMs > worst.lcpMs ? entry : worst));
    const heaviest = perPage.reduce((worst, entry) => (entry.jsKb > worst.jsKb ? entry : worst));
    return {
      values: { lcp_ms_max: worstLcp.lcpMs, first_load_js_kb_max: heaviest.jsKb },
      notes: [
        `cold loads (fresh browser context) on loopback, no throttling; median of ${LOADS} per page after one warm-up; worst LCP ${worstLcp.path}, heaviest JS ${heaviest.path}`,
        `per page (LCP ms / JS KB gzip): ${perPage.map((entry) => `${entry.path} ${entry.lcpMs.toFixed(0)}/${entry.jsKb.toFixed(0)}`).join(", ")}`,
      ],
    };
  },
};
