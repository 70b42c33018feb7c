import { describe, expect, it } from "vitest";
import { readBodyUpTo } from "./read-body-up-to";

function streamOf(chunks: number, chunkSize: number, pulled: { count: number }) {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.count === chunks) return controller.close();
      pulled.count++;
      controller.enqueue(new Uint8Array(chunkSize).fill(120));
    },
  }, { highWaterMark: 0 }); // pulled only when read
}

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request("http://127.0.0.1/hook", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readBodyUpTo", () => {
  it("returns the whole body when it fits", async () => {
    const body = await readBodyUpTo(post('{"status":"completed"}'), 1024);
    expect(new TextDecoder().decode(body!)).toBe('{"status":"completed"}');
  });

  it("accepts a body of exactly the limit", async () => {
    expect((await readBodyUpTo(post("x".repeat(100)), 100))?.byteLength).toBe(100);
  });

  it("stops reading a stream as soon as it passes the limit", async () => {
    const pulled = { count: 0 };
    expect(await readBodyUpTo(post(streamOf(1000, 1024, pulled)), 10 * 1024)).toBeNull();
    expect(pulled.count).toBeLessThan(15);
  });

  it("refuses a declared length over the limit without reading", async () => {
    const pulled = { count: 0 };
    expect(await readBodyUpTo(post(streamOf(1, 10, pulled), { "content-length": "2000000" }), 1024)).toBeNull();
    expect(pulled.count).toBe(0);
  });

  it("reads an absent body as empty", async () => {
    expect((await readBodyUpTo(post(null), 1024))?.byteLength).toBe(0);
  });
});
