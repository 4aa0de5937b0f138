/**
 * Model shapes precompiled for validation: patterns compiled, enums as sets, member paths
 * lower-camel-cased, child shapes linked. Each shape is compiled once, on first use.
 */
import { compileJavaPattern } from "./java-regex.ts";
import type { ModelShape, ModelShapeType, SsmModel } from "./model.ts";

/** A structure member ready for validation. */
export interface CompiledMember {
  /** Name on the wire (`DocumentName`). */
  readonly name: string;
  /** Name in validation paths (`documentName`). */
  readonly pathName: string;
  readonly required: boolean;
  readonly shape: CompiledShape;
}

/** A shape ready for validation. */
export interface CompiledShape {
  readonly name: string;
  readonly type: ModelShapeType;
  readonly sensitive: boolean;
  readonly min: number | undefined;
  readonly max: number | undefined;
  /** The model's pattern text, as quoted in messages. */
  readonly pattern: string | undefined;
  /** The compiled pattern; undefined when there is none or it cannot be expressed in JavaScript. */
  readonly regex: RegExp | undefined;
  readonly enumValues: ReadonlySet<string> | undefined;
  /** `[A, B, C]`, as quoted in messages. */
  readonly enumText: string;
  readonly members: readonly CompiledMember[];
  readonly member: CompiledShape | undefined;
  readonly key: CompiledShape | undefined;
  readonly value: CompiledShape | undefined;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Compiles shapes of one model on demand and keeps them. */
export class ShapeCompiler {
  readonly #model: SsmModel;
  readonly #compiled = new Map<string, CompiledShape>();

  constructor(model: SsmModel) {
    this.#model = model;
  }

  /** The compiled shape for a model shape name; throws when the model does not define it. */
  get(name: string): CompiledShape {
    const done = this.#compiled.get(name);
    if (done !== undefined) return done;
    const shape = this.#model.shapes[name];
    if (shape === undefined) throw new Error(`SSM model has no shape ${name}`);
    const compiled: Mutable<CompiledShape> = {
      name,
      type: shape.type,
      sensitive: shape.sensitive === true,
      min: shape.min,
      max: shape.max,
      pattern: shape.pattern,
      regex: shape.pattern === undefined ? undefined : compileJavaPattern(shape.pattern),
      enumValues: shape.enum === undefined ? undefined : new Set(shape.enum),
      enumText: `[${(shape.enum ?? []).join(", ")}]`,
      members: [],
      member: undefined,
      key: undefined,
      value: undefined,
    };
    // Registered before its children are compiled, so recursive shapes terminate.
    this.#compiled.set(name, compiled);
    compiled.members = this.#members(shape);
    compiled.member = this.#optional(shape.member);
    compiled.key = this.#optional(shape.key);
    compiled.value = this.#optional(shape.value);
    return compiled;
  }

  #members(shape: ModelShape): CompiledMember[] {
    const required = new Set(shape.required ?? []);
    return Object.entries(shape.members ?? {}).map(([name, target]) => ({
      name,
      pathName: name.charAt(0).toLowerCase() + name.slice(1),
      required: required.has(name),
      shape: this.get(target),
    }));
  }

  #optional(name: string | undefined): CompiledShape | undefined {
    return name === undefined ? undefined : this.get(name);
  }
}
