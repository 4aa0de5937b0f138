import { awsShape } from "./aws-json.ts";

/**
 * A response as `aws --output text` prints it (awscli/text.py): each object's scalar members on
 * one tab-separated line in key order, prefixed by the upper-cased name of the list or member
 * that holds it; nested lists and objects follow on their own lines.
 */
export function formatText(value: unknown): string {
  const lines: string[] = [];
  emit(awsShape(value), lines, undefined, undefined);
  return lines.map((line) => `${line}\n`).join("");
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== "object";
}

/** Python's `str()` of a JSON scalar. */
function scalar(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

function emit(item: unknown, lines: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (isObject(item)) emitObject(item, lines, identifier, scalarKeys);
  else if (Array.isArray(item)) emitList(item, lines, identifier);
  else lines.push(scalar(item));
}

function emitList(items: unknown[], lines: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some(isObject)) {
    const keys = [
      ...new Set(items.filter(isObject).flatMap((o) => Object.keys(o).filter((k) => isScalar(o[k])))),
    ].sort();
    for (const item of items) emit(item, lines, identifier, keys);
    return;
  }
  const scalars = items.filter(isScalar);
  if (scalars.length > 0) {
    if (identifier !== undefined) for (const s of scalars) lines.push(`${identifier.toUpperCase()}\t${scalar(s)}`);
    else lines.push(scalars.map(scalar).join("\t"));
  }
  for (const nested of items.filter((i) => !isScalar(i))) emit(nested, lines, identifier, undefined);
}

function emitObject(
  item: Json,
  lines: string[],
  identifier: string | undefined,
  scalarKeys: string[] | undefined,
): void {
  const keys = scalarKeys ?? Object.keys(item).filter((k) => isScalar(item[k]));
  const scalars = [...keys].sort().map((k) => (Object.hasOwn(item, k) ? scalar(item[k]) : ""));
  const rest = Object.keys(item)
    .filter((k) => !keys.includes(k))
    .sort();
  if (scalars.length > 0)
    lines.push([...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join("\t"));
  for (const key of rest) emit(item[key], lines, key, undefined);
}
