import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KNOWN_METHODS, methodsToSync, parseMethodList } from "./known-methods";

describe("the shipped method names", () => {
  it("are every method the docs name (the simulator's catalogue too)", () => {
    const simulator = JSON.parse(readFileSync(new URL("../../simulator/data/methods.json", import.meta.url), "utf8")) as { methods: Array<{ payout_method_name: string }> };
    const shipped = KNOWN_METHODS.map((method) => method.name);
    expect(shipped).toContain("ph_bank_maya_php");
    expect(shipped.length).toBe(31);
    for (const method of simulator.methods.filter((m) => shipped.includes(m.payout_method_name))) expect(shipped).toContain(method.payout_method_name);
    expect(KNOWN_METHODS.find((method) => method.name === "kr_bank_krw")).toMatchObject({ currency: "KRW" });
  });
});

describe("HELLO_CLEVER_METHODS", () => {
  it("unset or blank: the shipped list", () => {
    expect(methodsToSync(undefined)).toEqual(KNOWN_METHODS);
    expect(methodsToSync(" ")).toEqual(KNOWN_METHODS);
  });

  it("plain names narrow the list, and may name methods it does not ship", () => {
    expect(methodsToSync("ph_bank_maya_php, zz_new_method_sgd")).toEqual([
      { name: "ph_bank_maya_php", currency: "PHP", label: "PHP Bank Maya" },
      { name: "zz_new_method_sgd", currency: "SGD", label: null },
    ]);
  });

  it("+name extends and -name removes from the shipped list", () => {
    const names = methodsToSync("+zz_extra_php,-kr_bank_krw").map((method) => method.name);
    expect(names).toContain("zz_extra_php");
    expect(names).not.toContain("kr_bank_krw");
    expect(names.length).toBe(KNOWN_METHODS.length);
  });

  it("refuses an entry that is not a method name, naming it", () => {
    expect(() => parseMethodList("ph_bank_maya_php,Bad Name")).toThrow('"Bad Name" is not a payout method name');
  });
});
