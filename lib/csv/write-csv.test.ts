import { describe, expect, it } from "vitest";
import { writeCsvRow } from "./write-csv";

describe("writeCsvRow", () => {
  it("ends each record with CRLF and leaves plain cells bare", () => {
    expect(writeCsvRow(["a", "b c", "1234.50"])).toBe("a,b c,1234.50\r\n");
  });

  it("quotes cells holding commas, quotes or line breaks, doubling inner quotes (RFC 4180)", () => {
    expect(writeCsvRow(['Santos, Maria', 'say "hi"', "two\nlines", "cr\rhere"])).toBe('"Santos, Maria","say ""hi""","two\nlines","cr\rhere"\r\n');
  });

  it("writes null and undefined as empty cells and numbers as their digits", () => {
    expect(writeCsvRow([null, undefined, 0, 42])).toBe(",,0,42\r\n");
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
  ])("neutralises %j so a spreadsheet shows it as text", (cell, written) => {
    expect(writeCsvRow([cell])).toBe(`${written}\r\n`);
  });

  it("leaves formula characters alone when they are not first", () => {
    expect(writeCsvRow(["a=b", "x@example.com", "1-2"])).toBe("a=b,x@example.com,1-2\r\n");
  });
});
