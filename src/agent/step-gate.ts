import {
  COMMAND_PLUGINS,
  type DocumentStep,
  evaluatePrecondition,
  type PlannedStep,
  type PlatformType,
} from "../protocol/document/index.ts";

/** Whether a step runs, is skipped (reported as success) or fails without running. */
export type StepGate = { kind: "run" } | { kind: "skip"; message: string } | { kind: "fail"; message: string };

/** What decides a step's gate besides the step. */
export interface GateContext {
  schemaVersion: string;
  platformType: PlatformType;
  /** True when this agent has a plugin for the action. */
  supports: (action: string) => boolean;
}

/** Schema 2.2 and later: preconditions apply, and steps of plugins this node lacks are skipped. */
export function preconditionsEnabled(schemaVersion: string): boolean {
  const [major = 0, minor = 0] = schemaVersion.split(".").map(Number);
  return major > 2 || (major === 2 && minor >= 2);
}

/**
 * The SSM agent's rules (`getStepExecutionOperation`), with its messages. Schema 1.2/2.0: an
 * unknown or unsupported plugin fails, and so does any precondition. Schema 2.2: a plugin this
 * agent lacks is skipped; a precondition that does not hold skips the step; one the agent cannot
 * evaluate fails it. `written` is the step as the document has it (before interpolation).
 */
export function gateStep(step: PlannedStep, written: DocumentStep | undefined, ctx: GateContext): StepGate {
  const { action, name } = step;
  const known = COMMAND_PLUGINS.includes(action);
  const supported = ctx.supports(action);
  const hasPrecondition = isPresent(step.precondition);
  if (!known) {
    return {
      kind: "fail",
      message: `Plugin with name ${action} is not supported by this version of ssm agent, please update to latest version. Step name: ${name}`,
    };
  }
  if (!preconditionsEnabled(ctx.schemaVersion)) {
    if (!supported) {
      return { kind: "fail", message: `Plugin with name ${action} is not supported by this agent. Step name: ${name}` };
    }
    if (hasPrecondition) {
      return {
        kind: "fail",
        message: `Precondition is not supported for document schema version prior to 2.2. Step name: ${name}`,
      };
    }
    return { kind: "run" };
  }
  if (!supported) {
    return { kind: "skip", message: `Step execution skipped due to unsupported plugin: ${action}. Step name: ${name}` };
  }
  if (!hasPrecondition) return { kind: "run" };
  let allowed: boolean;
  try {
    allowed = evaluatePrecondition(step.precondition, ctx.platformType, written?.precondition);
  } catch (error) {
    return {
      kind: "fail",
      message: `Unrecognized precondition(s): '${(error as Error).message}', please update agent to latest version. Step name: ${name}`,
    };
  }
  if (allowed) return { kind: "run" };
  return {
    kind: "skip",
    message: `Step execution skipped due to unsatisfied preconditions: '${describe(written?.precondition ?? step.precondition)}'. Step name: ${name}`,
  };
}

/** `"StringEquals": [platformType, Windows]`, as the agent prints a precondition. */
function describe(precondition: unknown): string {
  if (typeof precondition !== "object" || precondition === null) return String(precondition);
  return Object.entries(precondition)
    .map(([operator, args]) => `"${operator}": [${Array.isArray(args) ? args.join(", ") : String(args)}]`)
    .join(", ");
}

function isPresent(precondition: unknown): boolean {
  if (precondition === undefined || precondition === null) return false;
  return typeof precondition !== "object" || Object.keys(precondition).length > 0;
}
