/**
 * Generates the SSM wire model from the official botocore model:
 *   src/protocol/ssm/model.json  every operation and every shape reachable from an input or output,
 *                                without documentation, keys sorted (members and enums keep model order)
 *   src/protocol/ssm/types.ts    TypeScript types for the operations fleetrun serves
 *
 * Usage: node --import tsx scripts/gen-ssm-model.ts [path/to/service-2.json] [--out DIR]
 * Both files are piped through Biome so `biome check --write` leaves them byte-identical.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_SPEC = path.resolve(REPO_ROOT, "../shared/spec/ssm/service-2.json");
const DEFAULT_OUT = path.join(REPO_ROOT, "src/protocol/ssm");
const COMMAND = "node --import tsx scripts/gen-ssm-model.ts";

/** Operations whose input and output shapes get TypeScript types. */
const TYPED_OPERATIONS = [
  "SendCommand",
  "ListCommands",
  "ListCommandInvocations",
  "GetCommandInvocation",
  "CancelCommand",
  "DescribeInstanceInformation",
  "CreateActivation",
  "DescribeActivations",
  "DeleteActivation",
  "DeregisterManagedInstance",
  "AddTagsToResource",
  "RemoveTagsFromResource",
  "ListTagsForResource",
  "CreateDocument",
  "GetDocument",
  "DescribeDocument",
  "UpdateDocument",
  "UpdateDocumentDefaultVersion",
  "ListDocuments",
  "ListDocumentVersions",
  "DeleteDocument",
] as const;

/** Names a generated alias must not take: they would shadow TypeScript globals. */
const RESERVED_NAMES = new Set([
  "Array",
  "Boolean",
  "Date",
  "Error",
  "Function",
  "Map",
  "Number",
  "Object",
  "Omit",
  "Partial",
  "Pick",
  "Promise",
  "Readonly",
  "Record",
  "RegExp",
  "Required",
  "Set",
  "String",
  "Symbol",
]);

interface RawRef {
  shape: string;
}
interface RawShape {
  type: string;
  members?: Record<string, RawRef>;
  required?: string[];
  member?: RawRef;
  key?: RawRef;
  value?: RawRef;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  union?: boolean;
  timestampFormat?: string;
}
interface RawOperation {
  input?: RawRef;
  output?: RawRef;
  errors?: RawRef[];
}
interface RawModel {
  metadata: Record<string, unknown>;
  operations: Record<string, RawOperation>;
  shapes: Record<string, RawShape>;
}

function parseArgs(argv: string[]): { spec: string; out: string } {
  let spec = DEFAULT_SPEC;
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--out") {
      const dir = argv[++i];
      if (dir === undefined) throw new Error("--out needs a directory");
      out = path.resolve(dir);
    } else if (arg.startsWith("--")) {
      throw new Error(`unknown flag ${arg}`);
    } else {
      spec = path.resolve(arg);
    }
  }
  return { spec, out };
}

function shapeOf(raw: RawModel, name: string): RawShape {
  const shape = raw.shapes[name];
  if (shape === undefined) throw new Error(`shape ${name} is referenced but not defined`);
  return shape;
}

/** Every shape name reachable from the given roots, following members, list members and map keys/values. */
function reachable(raw: RawModel, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const shape = shapeOf(raw, name);
    for (const ref of Object.values(shape.members ?? {})) stack.push(ref.shape);
    for (const ref of [shape.member, shape.key, shape.value]) if (ref) stack.push(ref.shape);
  }
  return seen;
}

function ioRoots(raw: RawModel, operations: Iterable<string>): string[] {
  const roots: string[] = [];
  for (const name of operations) {
    const op = raw.operations[name];
    if (op === undefined) throw new Error(`operation ${name} is not in the model`);
    if (op.input) roots.push(op.input.shape);
    if (op.output) roots.push(op.output.shape);
  }
  return roots;
}

/** The compact, documentation-free form of one shape. */
function compactShape(shape: RawShape): Record<string, unknown> {
  const out: Record<string, unknown> = { type: shape.type };
  if (shape.members) {
    out.members = Object.fromEntries(Object.entries(shape.members).map(([k, ref]) => [k, ref.shape]));
  }
  if (shape.required?.length) out.required = shape.required;
  if (shape.member) out.member = shape.member.shape;
  if (shape.key) out.key = shape.key.shape;
  if (shape.value) out.value = shape.value.shape;
  for (const key of ["min", "max", "pattern", "enum", "timestampFormat"] as const) {
    if (shape[key] !== undefined) out[key] = shape[key];
  }
  if (shape.sensitive) out.sensitive = true;
  if (shape.union) out.union = true;
  return out;
}

/** Deep copy with object keys sorted, except member maps whose order is the model's declaration order. */
function sortKeys(value: unknown, keepOrder = false): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (!keepOrder) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v, k === "members")]));
}

function buildModelJson(raw: RawModel): unknown {
  const operations: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(raw.operations)) {
    operations[name] = {
      ...(op.input ? { input: op.input.shape } : {}),
      ...(op.output ? { output: op.output.shape } : {}),
      errors: (op.errors ?? []).map((e) => e.shape).sort(),
    };
  }
  const shapes: Record<string, unknown> = {};
  for (const name of reachable(raw, ioRoots(raw, Object.keys(raw.operations)))) {
    shapes[name] = compactShape(shapeOf(raw, name));
  }
  const { apiVersion, jsonVersion, targetPrefix, serviceId } = raw.metadata;
  return sortKeys({ metadata: { apiVersion, jsonVersion, serviceId, targetPrefix }, operations, shapes });
}

/** True when a shape gets its own exported type; plain primitives are inlined instead. */
function isNamed(shape: RawShape): boolean {
  return ["structure", "list", "map"].includes(shape.type) || (shape.type === "string" && shape.enum !== undefined);
}

function typeName(name: string): string {
  return RESERVED_NAMES.has(name) ? `${name}Shape` : name;
}

const PRIMITIVES: Record<string, string> = {
  string: "string",
  blob: "string",
  boolean: "boolean",
  integer: "number",
  long: "number",
  float: "number",
  double: "number",
  timestamp: "number",
};

function typeRef(raw: RawModel, name: string): string {
  const shape = shapeOf(raw, name);
  if (isNamed(shape)) return typeName(name);
  const primitive = PRIMITIVES[shape.type];
  if (primitive === undefined) throw new Error(`shape ${name} has unsupported type ${shape.type}`);
  return primitive;
}

function typeDeclaration(raw: RawModel, name: string): string {
  const shape = shapeOf(raw, name);
  const doc = `/** SSM shape \`${name}\`${shape.union ? " (a union: set exactly one member)" : ""}. */\n`;
  const exported = typeName(name);
  switch (shape.type) {
    case "structure": {
      const members = Object.entries(shape.members ?? {});
      if (members.length === 0) return `${doc}export type ${exported} = Record<string, never>;\n`;
      const required = new Set(shape.required ?? []);
      const lines = members.map(([m, ref]) => `  ${m}${required.has(m) ? "" : "?"}: ${typeRef(raw, ref.shape)};`);
      return `${doc}export interface ${exported} {\n${lines.join("\n")}\n}\n`;
    }
    case "list":
      return `${doc}export type ${exported} = ${typeRef(raw, shape.member!.shape)}[];\n`;
    case "map":
      return `${doc}export type ${exported} = Record<string, ${typeRef(raw, shape.value!.shape)}>;\n`;
    default:
      return `${doc}export type ${exported} = ${(shape.enum ?? []).map((v) => JSON.stringify(v)).join(" | ")};\n`;
  }
}

function buildTypes(raw: RawModel): string {
  const names = [...reachable(raw, ioRoots(raw, TYPED_OPERATIONS))].filter((n) => isNamed(shapeOf(raw, n))).sort();
  const operations = TYPED_OPERATIONS.map((op) => {
    const { input, output } = raw.operations[op]!;
    const inputType = input ? typeRef(raw, input.shape) : "Record<string, never>";
    const outputType = output ? typeRef(raw, output.shape) : "Record<string, never>";
    return `  ${op}: { input: ${inputType}; output: ${outputType} };`;
  });
  return [
    `// Generated from the SSM model (service-2.json) by \`${COMMAND}\`. Do not edit by hand.\n`,
    ...names.map((n) => typeDeclaration(raw, n)),
    "/** Input and output types of every operation fleetrun serves, by operation name. */",
    `export interface SsmOperationTypes {\n${operations.join("\n")}\n}\n`,
    "/** Name of an operation fleetrun serves with generated types. */",
    "export type TypedSsmOperation = keyof SsmOperationTypes;\n",
    "/** The operations fleetrun serves, in the order they were specified. */",
    `export const typedSsmOperations: readonly TypedSsmOperation[] = ${JSON.stringify(TYPED_OPERATIONS)};\n`,
  ].join("\n");
}

/** Formats text the way `biome check --write` would, so the committed files are a fixed point. */
function biomeFormat(text: string, virtualPath: string): string {
  const biome = path.join(REPO_ROOT, "node_modules/.bin/biome");
  const result = spawnSync(biome, ["format", `--stdin-file-path=${virtualPath}`], {
    cwd: REPO_ROOT,
    input: text,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`biome format failed for ${virtualPath}: ${result.stderr}`);
  return result.stdout;
}

function main(): void {
  const { spec, out } = parseArgs(process.argv.slice(2));
  const raw = JSON.parse(readFileSync(spec, "utf8")) as RawModel;
  mkdirSync(out, { recursive: true });
  const files: Array<[string, string]> = [
    ["model.json", `${JSON.stringify(buildModelJson(raw))}\n`],
    ["types.ts", buildTypes(raw)],
  ];
  for (const [file, text] of files) {
    const target = path.join(out, file);
    writeFileSync(target, biomeFormat(text, `src/protocol/ssm/${file}`));
    process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
  }
}

main();
