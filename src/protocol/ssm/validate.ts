/**
 * Request validation driven by the generated SSM model: every type, required, length, range,
 * pattern and enum constraint of an operation's input shape, reported the way AWS reports them.
 *
 * A value of the wrong JSON type is a `SerializationException` (AWS fails while deserializing,
 * before any constraint is looked at); constraint violations are gathered over the whole body into
 * one `ValidationException`. Members the model does not know are ignored, as AWS ignores them.
 * JSON `null` counts as absent.
 */
import { SsmError } from "../errors.ts";
import { type CompiledShape, ShapeCompiler } from "./compiled-shape.ts";
import { ssmModel } from "./model.ts";
import type { SsmOperationTypes, TypedSsmOperation } from "./types.ts";
import { typeMismatchMessage, validationMessage, violation } from "./validation-message.ts";

const compiler = new ShapeCompiler(ssmModel);
const OPERATION_NAMES: readonly string[] = Object.freeze(Object.keys(ssmModel.operations).sort());
const NOT_NULL = "Member must not be null";

/** True when the SSM model defines an operation of this name (`SendCommand`, ...). */
export function isKnownOperation(name: string): boolean {
  return Object.hasOwn(ssmModel.operations, name);
}

/** Every operation name of the SSM model, sorted. */
export function operationNames(): readonly string[] {
  return OPERATION_NAMES;
}

/**
 * Checks a decoded request body against the operation's input shape.
 * @throws SsmError `UnknownOperationException` for an operation the model does not define,
 *   `SerializationException` when the body or a member has the wrong JSON type,
 *   `ValidationException` listing every constraint violation.
 */
export function validateInput(operation: string, input: unknown): void {
  if (!isKnownOperation(operation)) {
    throw new SsmError("UnknownOperationException", `Unknown operation ${operation}`);
  }
  if (!isPlainObject(input)) throw new SsmError("SerializationException", typeMismatchMessage(input, "structure", ""));
  const inputShape = ssmModel.operations[operation]?.input;
  if (inputShape === undefined) return;
  const violations: string[] = [];
  check(compiler.get(inputShape), input, "", false, violations);
  if (violations.length > 0) throw new SsmError("ValidationException", validationMessage(violations));
}

/**
 * `validateInput`, then the same body typed as the operation's generated input type.
 * @throws SsmError as `validateInput` does.
 */
export function parseInput<Op extends TypedSsmOperation>(
  operation: Op,
  input: unknown,
): SsmOperationTypes[Op]["input"] {
  validateInput(operation, input);
  return input as SsmOperationTypes[Op]["input"];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function mismatch(value: unknown, shape: CompiledShape, path: string): SsmError {
  return new SsmError("SerializationException", typeMismatchMessage(value, shape.type, path));
}

function check(shape: CompiledShape, value: unknown, path: string, sensitive: boolean, out: string[]): void {
  const secret = sensitive || shape.sensitive;
  switch (shape.type) {
    case "structure":
      checkStructure(shape, value, path, secret, out);
      break;
    case "list":
      checkList(shape, value, path, secret, out);
      break;
    case "map":
      checkMap(shape, value, path, secret, out);
      break;
    default:
      if (!hasScalarType(shape, value)) throw mismatch(value, shape, path);
      for (const constraint of scalarViolations(shape, value)) out.push(violation(value, path, secret, constraint));
  }
}

function checkStructure(shape: CompiledShape, value: unknown, path: string, secret: boolean, out: string[]): void {
  if (!isPlainObject(value)) throw mismatch(value, shape, path);
  for (const member of shape.members) {
    const memberValue = Object.hasOwn(value, member.name) ? value[member.name] : undefined;
    const memberPath = path === "" ? member.pathName : `${path}.${member.pathName}`;
    if (memberValue === undefined || memberValue === null) {
      if (member.required) out.push(violation(null, memberPath, secret, NOT_NULL));
    } else {
      check(member.shape, memberValue, memberPath, secret, out);
    }
  }
}

function checkList(shape: CompiledShape, value: unknown, path: string, secret: boolean, out: string[]): void {
  if (!Array.isArray(value)) throw mismatch(value, shape, path);
  for (const constraint of lengthViolations(shape, value.length)) out.push(violation(value, path, secret, constraint));
  const element = shape.member!;
  for (let i = 0; i < value.length; i++) {
    checkElement(element, value[i], `${path}.${i + 1}.member`, secret, out);
  }
}

function checkMap(shape: CompiledShape, value: unknown, path: string, secret: boolean, out: string[]): void {
  if (!isPlainObject(value)) throw mismatch(value, shape, path);
  const keys = Object.keys(value);
  for (const constraint of lengthViolations(shape, keys.length)) out.push(violation(value, path, secret, constraint));
  for (const key of keys) {
    const keyViolations = scalarViolations(shape.key!, key);
    if (keyViolations.length > 0) {
      out.push(violation(key, path, secret, `Map keys must satisfy constraint: [${keyViolations.join(", ")}]`));
    }
    checkElement(shape.value!, value[key], `${path}.${key}.member`, secret, out);
  }
}

function checkElement(shape: CompiledShape, value: unknown, path: string, secret: boolean, out: string[]): void {
  if (value === undefined || value === null) out.push(violation(null, path, secret, NOT_NULL));
  else check(shape, value, path, secret, out);
}

function hasScalarType(shape: CompiledShape, value: unknown): value is string | number | boolean {
  switch (shape.type) {
    case "string":
    case "blob":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
    case "long":
      return Number.isInteger(value);
    default:
      return typeof value === "number" && Number.isFinite(value);
  }
}

/** Constraint texts a scalar value violates (length for strings and blobs, value range for numbers). */
function scalarViolations(shape: CompiledShape, value: string | number | boolean): string[] {
  if (typeof value === "number") return rangeViolations(shape, value);
  if (typeof value !== "string") return [];
  const found = lengthViolations(shape, shape.type === "blob" ? base64Bytes(value) : value.length);
  if (shape.regex !== undefined && !shape.regex.test(value)) {
    found.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.enumValues !== undefined && !shape.enumValues.has(value)) {
    found.push(`Member must satisfy enum value set: ${shape.enumText}`);
  }
  return found;
}

function lengthViolations(shape: CompiledShape, length: number): string[] {
  const found: string[] = [];
  if (shape.min !== undefined && length < shape.min) {
    found.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && length > shape.max) {
    found.push(`Member must have length less than or equal to ${shape.max}`);
  }
  return found;
}

function rangeViolations(shape: CompiledShape, value: number): string[] {
  const found: string[] = [];
  if (shape.min !== undefined && value < shape.min) {
    found.push(`Member must have value greater than or equal to ${shape.min}`);
  }
  if (shape.max !== undefined && value > shape.max) {
    found.push(`Member must have value less than or equal to ${shape.max}`);
  }
  return found;
}

/** Decoded size of a base64 text: blob limits count bytes, not characters. */
function base64Bytes(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}
