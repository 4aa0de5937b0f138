import type { JsonValue } from "./audit-record.ts";

/** What stands in for a secret in the trail, exactly as CloudTrail writes it. */
export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

/**
 * Members whose value is a secret wherever they appear (compared case-insensitively): access-key
 * secrets, session tokens, activation codes, passwords, private keys. Policy documents are not
 * secret and stay readable.
 */
const SECRET_MEMBERS: ReadonlySet<string> = new Set(
  [
    "SecretAccessKey",
    "SessionToken",
    "ActivationCode",
    "Password",
    "NewPassword",
    "OldPassword",
    "PrivateKey",
    "MasterKey",
    "SigningSecret",
  ].map((name) => name.toLowerCase()),
);

/** Document parameter names treated as secret even without `"noEcho": true` (see docs/decisions.md). */
const SECRET_PARAMETER_NAME = /password|secret|token|key/i;

/** Whether a document parameter's value is hidden by its name alone. */
export function isSecretParameterName(name: string): boolean {
  return SECRET_PARAMETER_NAME.test(name);
}

/**
 * A deep copy of `value` as JSON, with every secret member's value replaced by {@link HIDDEN}.
 * Values JSON cannot hold (undefined, functions) are dropped; Buffers become null.
 */
export function redactSecrets(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item));
  if (typeof value !== "object" || value instanceof Uint8Array) return null;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined || typeof member === "function") continue;
    setMember(out, key, SECRET_MEMBERS.has(key.toLowerCase()) ? HIDDEN : redactSecrets(member));
  }
  return out;
}

/**
 * A document parameter map (`{"name": ["value", ...]}` as SendCommand takes it) with the values of
 * secret parameters replaced by {@link HIDDEN}; anything that is not such a map is returned as is.
 */
export function redactParameters(parameters: JsonValue, isSecret: (name: string) => boolean): JsonValue {
  if (parameters === null || typeof parameters !== "object" || Array.isArray(parameters)) return parameters;
  const out: { [key: string]: JsonValue } = {};
  for (const [name, value] of Object.entries(parameters)) {
    setMember(out, name, isSecret(name) ? (Array.isArray(value) ? value.map(() => HIDDEN) : HIDDEN) : value);
  }
  return out;
}

/**
 * Text with SigV4 signatures cut out (`Signature=<hex>` of an Authorization header or
 * `X-Amz-Signature=<hex>` of a presigned URL), e.g. in an IncompleteSignature error message.
 */
export function redactSignatures(text: string): string {
  return text.replace(/((?:^|[^A-Za-z])(?:X-Amz-)?Signature=)[^,\s&]*/gi, `$1${HIDDEN}`);
}

/** Sets an own member, even one named `__proto__` (plain assignment would replace the prototype instead). */
export function setMember<T>(target: { [key: string]: T }, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
