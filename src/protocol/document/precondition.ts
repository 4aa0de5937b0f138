import { childPath, documentError, isPlainObject } from "./document-error.ts";
import { hasSsmReference, referencedNames } from "./references.ts";

/** The platforms a `platformType` precondition can name. */
export type PlatformType = "Linux" | "MacOS" | "Windows";

const PLATFORMS: readonly PlatformType[] = ["Linux", "MacOS", "Windows"];
const OPERATOR = "StringEquals";
const PLATFORM_VARIABLE = "platformType";

/**
 * Create-time check of a step's `precondition` (schema 2.2), with the agent's rules: only
 * `{"StringEquals": [a, b]}`; two different strings; no Parameter Store references; when one side
 * is `platformType` the other is a literal Linux, MacOS or Windows (any case); otherwise at least
 * one side references a document parameter. Throws a document error at the offending path.
 */
export function checkPrecondition(raw: unknown, path: string): void {
  if (!isPlainObject(raw)) throw documentError(path, "must be an object");
  const operators = Object.keys(raw);
  const unknown = operators.find((operator) => operator !== OPERATOR);
  if (unknown !== undefined) {
    throw documentError(childPath(path, unknown), `unknown operator: only ${OPERATOR} is supported`);
  }
  if (operators.length === 0) throw documentError(path, `must hold ${OPERATOR}`);
  const argsPath = childPath(path, OPERATOR);
  const [left, right] = operands(raw[OPERATOR], argsPath);
  if (left === right) throw documentError(argsPath, "the two arguments must differ");
  [left, right].forEach((arg, index) => {
    if (hasSsmReference(arg)) {
      throw documentError(childPath(argsPath, index), "must not reference Parameter Store ({{ssm:...}})");
    }
  });
  const platformSide = [left, right].indexOf(PLATFORM_VARIABLE);
  if (platformSide >= 0) {
    const otherIndex = 1 - platformSide;
    const other = otherIndex === 0 ? left : right;
    const otherPath = childPath(argsPath, otherIndex);
    if (referencedNames(other).length > 0) {
      throw documentError(otherPath, `the value compared with ${PLATFORM_VARIABLE} cannot use document parameters`);
    }
    if (!PLATFORMS.some((platform) => platform.toLowerCase() === other.toLowerCase())) {
      throw documentError(otherPath, `must be one of ${PLATFORMS.join(", ")} when compared with ${PLATFORM_VARIABLE}`);
    }
    return;
  }
  if (referencedNames(left).length === 0 && referencedNames(right).length === 0) {
    throw documentError(
      argsPath,
      `one argument must be ${PLATFORM_VARIABLE} or reference a document parameter, as {{ name }}`,
    );
  }
}

/**
 * Whether a step runs on a node of `platformType`, given its precondition after interpolation
 * (absent or `{}` → true). `platformType` against a platform compares case-insensitively, as the
 * agent does; other arguments compare as exact strings. Pass the precondition as written
 * (`original`) so a parameter whose value is the text "platformType" is not taken for the
 * variable. Throws a document error for a precondition the agent does not recognise (it fails
 * such a step): an operator other than StringEquals, or not exactly two string arguments.
 */
export function evaluatePrecondition(precondition: unknown, platformType: PlatformType, original?: unknown): boolean {
  if (precondition === undefined || precondition === null) return true;
  if (!isPlainObject(precondition)) throw documentError("precondition", "must be an object");
  for (const operator of Object.keys(precondition)) {
    if (operator !== OPERATOR) throw documentError("precondition", `unrecognized operator "${operator}"`);
  }
  if (!Object.hasOwn(precondition, OPERATOR)) return true;
  const args = operands(precondition[OPERATOR], childPath("precondition", OPERATOR));
  const written = isPlainObject(original) && Array.isArray(original[OPERATOR]) ? original[OPERATOR] : args;
  const platformSide = written.indexOf(PLATFORM_VARIABLE);
  if (platformSide === 0 || platformSide === 1) {
    return (args[1 - platformSide] ?? "").toLowerCase() === platformType.toLowerCase();
  }
  return args[0] === args[1];
}

function operands(raw: unknown, path: string): [string, string] {
  if (!Array.isArray(raw) || raw.length !== 2) throw documentError(path, "must be a list of exactly two strings");
  const [left, right] = raw;
  if (typeof left !== "string") throw documentError(childPath(path, 0), "must be a string");
  if (typeof right !== "string") throw documentError(childPath(path, 1), "must be a string");
  return [left, right];
}
