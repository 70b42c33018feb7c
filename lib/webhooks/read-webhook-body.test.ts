import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readWebhookBody } from "./read-webhook-body";

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1/hook", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

function chunked(chunks: number, chunkSize: number, pulled = { count: 0 }) {
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.count === chunks) return controller.close();
        controller.enqueue(new Uint8Array(chunkSize).fill(97 + (pulled.count++ % 26)));
      },
    },
    { highWaterMark: 0 },
  );
}

describe("readWebhookBody", () => {
  it("keeps a small body whole, with its hash and size, and compresses nothing", async () => {
    const body = await readWebhookBody(post('{"status":"completed"}'));
    expect(new TextDecoder().decode(body!.head)).toBe('{"status":"completed"}');
    expect(body).toMatchObject({ size: 22, gzip: null, sha256: createHash("sha256").update('{"status":"completed"}').digest("hex") });
  });

  it("streams a large body: its first 64 KB as is, the whole of it gzip-compressed, hash and size exact", async () => {
    const expected = Buffer.concat(Array.from({ length: 40 }, (_, i) => Buffer.alloc(100_000, 97 + (i % 26))));
    const body = await readWebhookBody(post(chunked(40, 100_000)));
    expect(body!.size).toBe(4_000_000);
    expect(body!.head.byteLength).toBe(64 * 1024);
    expect(Buffer.from(body!.head).equals(expected.subarray(0, 64 * 1024))).toBe(true);
    expect(gunzipSync(body!.gzip!).equals(expected)).toBe(true);
    expect(body!.gzip!.byteLength).toBeLessThan(100_000);
    expect(body!.sha256).toBe(createHash("sha256").update(expected).digest("hex"));
  });

  it("stops reading as soon as a stream passes the limit", async () => {
    const pulled = { count: 0 };
    expect(await readWebhookBody(post(chunked(1000, 1024, pulled)), 10 * 1024)).toBeNull();
    expect(pulled.count).toBeLessThan(15);
  });

  it("refuses a declared length over the limit without reading", async () => {
    const pulled = { count: 0 };
    expect(await readWebhookBody(post(chunked(1, 10, pulled), { "content-length": "2000000" }), 1024)).toBeNull();
    expect(pulled.count).toBe(0);
  });

  it("accepts 64 MB exactly by default and reads an absent body as empty", async () => {
    expect((await readWebhookBody(post(null)))?.size).toBe(0);
  });
});
