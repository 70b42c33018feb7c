import { describe, expect, it } from "vitest";
import { createCsvRecordReader } from "./csv-records";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunk: Uint8Array) => new TextDecoder().decode(chunk);

describe("createCsvRecordReader", () => {
  it("ends records with CRLF and counts them, leaving line feeds inside quoted fields as data", () => {
    const read = createCsvRecordReader();
    const { bytes: out, records } = read(bytes('a,b\n"two\nlines","say ""hi"""\nx,y\n'));
    expect(text(out)).toBe('a,b\r\n"two\nlines","say ""hi"""\r\nx,y\r\n');
    expect(records).toBe(3);
  });

  it("keeps its place across chunks split inside a quoted field or a multibyte character", () => {
    const read = createCsvRecordReader();
    const all = bytes('Zoë,"split\nhere, ""and"" here"\nnext,row\n');
    // Cut inside "ë", right after the quoted line feed, and right before the first record's end.
    const pieces = [all.subarray(0, 3), all.subarray(3, 12), all.subarray(12, 31), all.subarray(31)];
    const results = pieces.map(read);
    expect(results.map((r) => r.records)).toEqual([0, 0, 0, 2]);
    expect(Buffer.concat(results.map((r) => r.bytes)).toString("utf8")).toBe('Zoë,"split\nhere, ""and"" here"\r\nnext,row\r\n');
  });
});
