import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Components are UI only: pages load data and pass it down (Issue 15).
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "Components never read the database: load it in the page and pass it down." },
            { name: "@/lib/auth/session", message: "Components never read the session: the page does and passes what is needed." },
            { name: "@/lib/runtime", message: "Components never reach the app's singletons: the page does." },
            { name: "@/lib/hello-clever/client", message: "Components never call Hello Clever: the page does." },
            { name: "next-auth", message: "Components never import next-auth server code." },
            { name: "next-auth/next", message: "Components never import next-auth server code." },
            { name: "next-auth/jwt", message: "Components never import next-auth server code." },
          ],
          patterns: [
            { regex: "^@/lib/db/(?!schema(/|$))", message: "Components never read the database: load it in the page and pass it down." },
            { regex: "^next-auth/providers/", message: "Components never import next-auth server code." },
          ],
        },
      ],
    },
  },
  {
    // Pages and layouts read through lib (a context and a verb), never with SQL of their own.
    files: ["app/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "Pages read through a lib verb with their context (pageContext), not the database handle." },
            { name: "drizzle-orm", message: "Pages read through a lib verb, not with SQL of their own." },
          ],
          patterns: [{ regex: "^@/lib/db/(?!schema(/|$))", message: "Pages read through a lib verb with their context (pageContext)." }],
        },
      ],
    },
  },
  { ignores: [".next*/**", ".data/**", "node_modules/**", "drizzle/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];
export default config;
