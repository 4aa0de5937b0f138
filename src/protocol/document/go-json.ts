/**
 * JSON text exactly as Go's `json.Marshal` writes it for decoded JSON values, which is what the
 * SSM agent splices into strings and checks patterns against: object keys sorted by their bytes,
 * `<`, `>`, `&`, U+2028 and U+2029 escaped, no whitespace.
 */
export function goJsonMarshal(value: unknown): string {
  return marshal(value);
}

function marshal(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(marshal).join(",")}]`;
  if (typeof value !== "object") return "null";
  // Built by hand: a JS object would move integer-like keys ahead of the others.
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort(compareCodePoints)
    .map((key) => `${quote(key)}:${marshal(record[key])}`);
  return `{${members.join(",")}}`;
}

/** UTF-8 byte order (Go's map-key order) is code-point order, not UTF-16 unit order. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** Go's string encoding: short escapes for `"` `\\` `\n` `\r` `\t`, `\u00xx` for the rest it escapes. */
function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    const code = ch.charCodeAt(0);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || ch === "<" || ch === ">" || ch === "&" || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      out += ch + (text[i + 1] ?? "");
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 by the time Go sees it; Go writes U+FFFD.
      out += "\\ufffd";
    } else out += ch;
  }
  return `${out}"`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
