// Client-safe. Hello Clever's name rule (API.md "Create a payout") allows only ASCII letters,
// digits and inner spaces, so "José Peña" and "O'Brien" are refused. This turns such a name into
// the nearest allowed spelling, for the editor to show before the operator applies it.

// Letters that Unicode does not decompose into an ASCII base letter plus a mark.
const SPECIAL: Record<string, string> = {
  ß: "ss", ẞ: "SS", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ø: "o", Ø: "O", ł: "l", Ł: "L", đ: "d", Đ: "D",
  ð: "d", Ð: "D", þ: "th", Þ: "TH", ı: "i", ĸ: "k", ŋ: "ng", Ŋ: "NG", ħ: "h", Ħ: "H", ŧ: "t", Ŧ: "T",
};

const NAME_PATTERN = /^(?! )(?! *$)[a-zA-Z0-9 ]*(?<! )$/;

/** True when the provider's name rule accepts `name`. */
export function isAllowedName(name: string): boolean {
  return NAME_PATTERN.test(name);
}

/**
 * "José Peña" → "Jose Pena", "O'Brien" → "OBrien", "Anne-Marie" → "Anne Marie". Apostrophes
 * vanish, hyphens and other separators become a space; letters with no ASCII spelling go.
 */
export function transliterateName(name: string): string {
  const decomposed = name.normalize("NFKD").replace(/\p{M}/gu, "");
  let out = "";
  for (const char of decomposed) {
    if (/[a-zA-Z0-9 ]/.test(char)) out += char;
    else if (SPECIAL[char] !== undefined) out += SPECIAL[char];
    else if (/['’ʼ`´]/.test(char)) continue;
    else if (/[\s\-‐‑–—_.,/]/.test(char)) out += " ";
  }
  return out.replace(/ +/g, " ").trim();
}

/** The transliterated name when it differs from `name` and the rule accepts it, else null. */
export function nameFix(name: string): string | null {
  if (name.trim() === "" || isAllowedName(name.trim())) return null;
  const fixed = transliterateName(name);
  return fixed !== "" && fixed !== name && isAllowedName(fixed) ? fixed : null;
}
