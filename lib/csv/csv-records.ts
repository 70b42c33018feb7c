const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export type CsvRecordsChunk = { bytes: Uint8Array; records: number };

/**
 * Reads Postgres's CSV (COPY … FORMAT csv) as it streams and returns it with CRLF record ends
 * (RFC 4180; COPY writes LF), counting the records that end in each chunk. A state machine over
 * the bytes: a quote toggles "inside a quoted field" (a doubled quote toggles twice), and only
 * a line feed outside quotes ends a record; one inside a quoted field is data and stays as it is.
 * Quote and LF bytes never occur inside a UTF-8 multibyte character, so bytes are safe to scan.
 */
export function createCsvRecordReader(): (chunk: Uint8Array) => CsvRecordsChunk {
  let quoted = false;
  return (chunk) => {
    const ends: number[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === LF && !quoted) ends.push(i);
    }
    if (ends.length === 0) return { bytes: chunk, records: 0 };
    const out = new Uint8Array(chunk.length + ends.length);
    let from = 0;
    let to = 0;
    for (const end of ends) {
      out.set(chunk.subarray(from, end), to);
      to += end - from;
      out[to++] = CR;
      out[to++] = LF;
      from = end + 1;
    }
    out.set(chunk.subarray(from), to);
    return { bytes: out, records: ends.length };
  };
}
