import { randomInt, randomBytes } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A provider-style id: 8 uppercase letters and digits, like `OHXTEF9M`. */
export function newUuid(): string {
  let id = "";
  for (let i = 0; i < 8; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

/** A balance id shaped like the documentation's `808C75EF-988143EB`. */
export function newBalanceId(): string {
  const hex = randomBytes(8).toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8)}`;
}
