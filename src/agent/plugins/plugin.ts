import type { CommandDocument, TypedParameters } from "../../protocol/document/index.ts";
import type { StepResult } from "../executor/index.ts";

/**
 * How a step starts: `fresh`; `adopt` after an agent restart while it ran (a script re-attaches
 * to its process); `rerun` after the reboot it asked for (it runs again from the start).
 */
export type StepStart = "fresh" | "adopt" | "rerun";

/** Runs a nested document's steps as one step (`aws:runDocument`); the document runner supplies it. */
export type NestedRunner = (doc: CommandDocument, parameters: TypedParameters) => Promise<StepResult>;

/** What a plugin gets besides its inputs. */
export interface PluginContext {
  stateDir: string;
  commandId: string;
  /** Names the step directory (`<stateDir>/orchestration/<commandId>/<stepName>`); unique in the invocation. */
  stepName: string;
  /** SSM_COMMAND_ID, AWS_SSM_INSTANCE_ID, ... plus ENV_VAR parameters. */
  env: Record<string, string>;
  signal: AbortSignal;
  start: StepStart;
  /** Stored documents the server attached to the invocation, keyed `name` or `name:version`. */
  documents: Readonly<Record<string, string>>;
  /** `aws:runDocument` nesting level of the document this step belongs to (0: the invoked one). */
  depth: number;
  runNested: NestedRunner;
}

/** A step kind the agent can run (`aws:runShellScript`, ...). */
export type Plugin = (inputs: Record<string, unknown>, ctx: PluginContext) => Promise<StepResult>;

/**
 * `runCommand` may be a list or one string (several lines); a list inside the list (from
 * `["{{ commands }}"]` with a StringList parameter) is flattened, as the SSM agent does.
 */
export function commandLines(value: unknown): string[] {
  if (Array.isArray(value))
    return value.flatMap((v) =>
      Array.isArray(v) ? commandLines(v) : typeof v === "string" ? [v] : [JSON.stringify(v)],
    );
  if (typeof value === "string") return [value];
  return [];
}
