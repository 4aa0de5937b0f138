/**
 * The SSM wire model generated from the official botocore model (see scripts/gen-ssm-model.ts):
 * operations and every shape reachable from their inputs and outputs, without documentation.
 */
import modelJson from "./model.json" with { type: "json" };

/** Shape kinds of the botocore JSON model. */
export type ModelShapeType =
  | "structure"
  | "list"
  | "map"
  | "string"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "boolean"
  | "timestamp"
  | "blob";

/** One shape: its kind, members (structure), element shapes (list, map) and constraints. */
export interface ModelShape {
  readonly type: ModelShapeType;
  /** Member name → target shape name, in declaration order. */
  readonly members?: Readonly<Record<string, string>>;
  readonly required?: readonly string[];
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
  /** A Java regular expression (see java-regex.ts). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly sensitive?: boolean;
  readonly union?: boolean;
  readonly timestampFormat?: string;
}

/** One operation: its input and output shape names and the error shapes it may answer with. */
export interface ModelOperation {
  readonly input?: string;
  readonly output?: string;
  readonly errors: readonly string[];
}

/** The whole generated model. */
export interface SsmModel {
  readonly metadata: {
    readonly apiVersion: string;
    readonly jsonVersion: string;
    readonly serviceId: string;
    readonly targetPrefix: string;
  };
  readonly operations: Readonly<Record<string, ModelOperation>>;
  readonly shapes: Readonly<Record<string, ModelShape>>;
}

// JSON imports are typed with widened strings (`type: string`); the generator guarantees the shape.
/** The generated model, loaded once. */
export const ssmModel: SsmModel = modelJson as unknown as SsmModel;
