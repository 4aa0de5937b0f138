import type { IamError } from "../../core/identity/iam-error.ts";

/** The IAM API's XML namespace. */
export const IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

/** A value of an IAM response: scalars, lists (encoded as `<member>` elements) and structures. */
export type XmlValue = string | number | boolean | undefined | readonly XmlValue[] | { readonly [k: string]: XmlValue };

/** A timestamp as IAM writes it: ISO 8601 UTC without milliseconds (`2024-01-01T00:00:00Z`). */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId>…</RequestId>
 * </ResponseMetadata></OpResponse>`; operations without output have no Result element. Members
 * whose value is undefined are left out; member order is the object's.
 */
export function encodeResult(
  operation: string,
  result: Record<string, XmlValue> | undefined,
  requestId: string,
): string {
  const body = result === undefined ? "" : element(`${operation}Result`, result);
  return (
    `<${operation}Response xmlns="${IAM_NAMESPACE}">${body}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`
  );
}

/** `<ErrorResponse xmlns=…><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`. */
export function encodeError(error: IamError, requestId: string): string {
  const type = error.serverFault ? "Receiver" : "Sender";
  return (
    `<ErrorResponse xmlns="${IAM_NAMESPACE}"><Error><Type>${type}</Type><Code>${error.code}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  return `<${name}>${content(value)}</${name}>`;
}

function content(value: Exclude<XmlValue, undefined>): string {
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (isList(value)) return value.map((v) => element("member", v)).join("");
  return Object.entries(value)
    .map(([k, v]) => element(k, v))
    .join("");
}

function isList(value: object): value is readonly XmlValue[] {
  return Array.isArray(value);
}

/** Escapes text for XML element content; characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXml(text: string): string {
  let out = "";
  for (const ch of text) {
    const entity = ENTITIES[ch];
    if (entity !== undefined) out += entity;
    else out += isXmlChar(ch.codePointAt(0) ?? 0) ? ch : "\ufffd";
  }
  return out;
}

function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa;
  return !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};
