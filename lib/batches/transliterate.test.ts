import { describe, expect, it } from "vitest";
import { isAllowedName, nameFix, transliterateName } from "./transliterate";

describe("transliterateName", () => {
  it("spells accented letters, apostrophes and hyphens the way the provider allows", () => {
    expect(transliterateName("José Peña")).toBe("Jose Pena");
    expect(transliterateName("O'Brien")).toBe("OBrien");
    expect(transliterateName("O’Brien")).toBe("OBrien");
    expect(transliterateName("Anne-Marie")).toBe("Anne Marie");
    expect(transliterateName("Łukasz Groß")).toBe("Lukasz Gross");
    expect(transliterateName("  Zoë  ")).toBe("Zoe");
  });

  it("offers a fix only for a refused name it can make acceptable", () => {
    expect(nameFix("Irfan")).toBeNull();
    expect(nameFix("")).toBeNull();
    expect(nameFix("José")).toBe("Jose");
    expect(nameFix("李")).toBeNull();
    expect(isAllowedName(nameFix("Ñoño D'Ávila")!)).toBe(true);
  });
});
