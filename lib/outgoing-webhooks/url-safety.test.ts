import { describe, expect, it } from "vitest";
import { checkEndpointUrl, isPublicAddress, publicOnlyLookup } from "./url-safety";

describe("outgoing webhook URL safety", () => {
  it("tells public addresses from loopback, private, link-local and mapped ones", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(address), address).toBe(true);
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("accepts only https URLs to hosts that are not literally private, unless private targets are allowed", () => {
    expect(checkEndpointUrl("https://hooks.example.com/x", false).hostname).toBe("hooks.example.com");
    expect(() => checkEndpointUrl("http://hooks.example.com/x", false)).toThrow(/https/);
    expect(() => checkEndpointUrl("https://127.0.0.1/x", false)).toThrow(/public/);
    expect(() => checkEndpointUrl("https://[::1]/x", false)).toThrow(/public/);
    expect(() => checkEndpointUrl("https://localhost/x", false)).toThrow(/public/);
    expect(() => checkEndpointUrl("https://user:pw@hooks.example.com/x", false)).toThrow(/password/);
    expect(() => checkEndpointUrl("not a url", false)).toThrow(/url/);
    expect(checkEndpointUrl("http://127.0.0.1:9000/x", true).port).toBe("9000");
  });

  it("refuses a name that resolves to a private address after DNS resolution", async () => {
    const lookup = publicOnlyLookup(false);
    const error = await new Promise<Error | null>((resolve) => lookup("localhost", {}, (e) => resolve(e)));
    expect(error?.message).toMatch(/private/);
    const allowed = await new Promise<Error | null>((resolve) => publicOnlyLookup(true)("localhost", {}, (e) => resolve(e)));
    expect(allowed).toBeNull();
  });
});
