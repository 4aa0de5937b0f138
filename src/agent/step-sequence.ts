import { join } from "node:path";
import type { AgentPluginResult } from "../protocol/agent/messages.ts";
import {
  type CommandDocument,
  type DocumentStep,
  type PlannedStep,
  type PlatformType,
  planSteps,
  type TypedParameters,
} from "../protocol/document/index.ts";
import { STDERR_LIMIT, STDOUT_LIMIT, type StepResult, stepDirectory } from "./executor/index.ts";
import type { StepUploads } from "./output-upload/output-uploader.ts";
import type { PluginContext, StepStart } from "./plugins/plugin.ts";
import { pluginFailure } from "./plugins/plugin-results.ts";
import { PLUGINS } from "./plugins/registry.ts";
import { loadProgress, type RunProgress, saveProgress } from "./run-progress.ts";
import { gateStep } from "./step-gate.ts";
import {
  appendNote,
  applyFlow,
  documentResponseCode,
  documentStatus,
  EXIT_REBOOT,
  isRebootRequest,
  reportedResult,
  skippedResult,
} from "./step-outcome.ts";

/** Reboots one document may ask for; the next request fails the step. */
export const MAX_REBOOTS = 3;

/** Message of a step that exited 194 on an agent started without `--reboot-command`. */
export const REBOOT_NOT_ALLOWED =
  "reboot requested (exit 194) but this agent may not reboot the node: start it with --reboot-command";

/** The steps of one document, ready to run. */
export interface StepPlan {
  steps: PlannedStep[];
  /** The steps as the document has them (before interpolation), in the same order. */
  written: readonly DocumentStep[];
  schemaVersion: string;
  progressPath: string;
  /** Prefix of the step directory names: "" for the invoked document, `<step>.` inside aws:runDocument. */
  prefix: string;
}

/** What running the steps needs. */
export interface SequenceContext {
  stateDir: string;
  commandId: string;
  /** SSM_COMMAND_ID, AWS_SSM_* (each step adds its ENV_VAR parameters). */
  env: Record<string, string>;
  signal: AbortSignal;
  /** Continue from `progress.json` (after an agent restart or a reboot). */
  resume: boolean;
  rebootAllowed: boolean;
  documents: Readonly<Record<string, string>>;
  depth: number;
  platformType: PlatformType;
  /** Receives each step's full output (started before the plugin, ended before progress records it). */
  uploads?: StepUploads;
}

/** Every step has a result, or a step asked for a reboot (nothing is final yet). */
export type SequenceOutcome = { kind: "done"; results: AgentPluginResult[] } | { kind: "reboot" };

/**
 * Runs a document's steps in order with the SSM agent's semantics: gates (preconditions,
 * unsupported plugins), flow controls (168/169, onFailure, onSuccess, a finally step that runs
 * after an early exit but not after a cancel) and reboots (exit 194: the step is recorded as
 * rebooting and runs again when the agent resumes the document). Progress is saved after every
 * step, so a resumed run never runs a finished step again.
 */
export async function runSteps(plan: StepPlan, ctx: SequenceContext): Promise<SequenceOutcome> {
  const progress: RunProgress = ctx.resume ? await loadProgress(plan.progressPath) : { done: [] };
  const save = () => saveProgress(plan.progressPath, progress);
  const finish = async (step: PlannedStep, result: AgentPluginResult) => {
    progress.done.push({ key: step.name, result });
    delete progress.current;
    await save();
  };
  for (const [index, step] of plan.steps.entries()) {
    if (ctx.signal.aborted) break;
    if (progress.done.some((d) => d.key === step.name)) continue;
    if (progress.skipRest && !step.finallyStep) {
      const reason = `Plugin with name ${step.action} and id ${step.name} skipped due to prior step with an exit condition`;
      await finish(step, skippedResult(step, plan.schemaVersion, reason));
      continue;
    }
    const stepName = plan.prefix + step.name;
    const gate = gateStep(step, plan.written[index], {
      schemaVersion: plan.schemaVersion,
      platformType: ctx.platformType,
      supports: (action) => Object.hasOwn(PLUGINS, action),
    });
    if (gate.kind === "skip") {
      await finish(step, skippedResult(step, plan.schemaVersion, gate.message));
      continue;
    }
    let result: StepResult;
    const dir = stepDirectory(ctx.stateDir, ctx.commandId, stepName);
    const upload = { commandId: ctx.commandId, step: stepName, action: step.action, dir };
    if (gate.kind === "fail") {
      result = pluginFailure({ ...ctx, stepName }, new Date(), gate.message);
    } else {
      const start = startOf(step.name, progress, ctx.resume);
      progress.current = step.name;
      delete progress.rebooting;
      await save();
      await ctx.uploads?.begin(upload, start);
      result = await runPlugin(step, stepName, start, ctx);
      if (isRebootRequest(result)) {
        const refusal = rebootRefusal(progress, ctx.rebootAllowed);
        if (refusal === undefined) {
          await ctx.uploads?.end(upload, result);
          progress.rebooting = step.name;
          progress.reboots = (progress.reboots ?? 0) + 1;
          delete progress.current;
          await save();
          return { kind: "reboot" };
        }
        // A refused reboot still ends the document: the steps after it expected a rebooted node.
        progress.skipRest = true;
        const note = result.stderr === "" ? refusal : `\n${refusal}`;
        result = { ...result, stderr: appendNote(result.stderr, note, STDERR_LIMIT), message: refusal };
      }
    }
    const flow = applyFlow(step, result);
    if (flow.endsDocument) progress.skipRest = true;
    const reported = reportedResult(step, flow.result, plan.schemaVersion);
    // Before progress records the step: a restart in between adopts it and ends the upload again.
    await ctx.uploads?.end(upload, reported);
    await finish(step, reported);
    if (result.status === "Cancelled") break;
  }
  return { kind: "done", results: progress.done.map((d) => d.result) };
}

function startOf(key: string, progress: RunProgress, resume: boolean): StepStart {
  if (!resume) return "fresh";
  if (progress.rebooting === key) return "rerun";
  return progress.current === key ? "adopt" : "fresh";
}

function rebootRefusal(progress: RunProgress, allowed: boolean): string | undefined {
  if (!allowed) return REBOOT_NOT_ALLOWED;
  if ((progress.reboots ?? 0) >= MAX_REBOOTS) {
    return `reboot requested (exit 194) but this document already rebooted the node ${MAX_REBOOTS} times`;
  }
  return undefined;
}

function runPlugin(step: PlannedStep, stepName: string, start: StepStart, ctx: SequenceContext): Promise<StepResult> {
  const plugin = PLUGINS[step.action];
  const pluginCtx: PluginContext = {
    stateDir: ctx.stateDir,
    commandId: ctx.commandId,
    stepName,
    env: { ...ctx.env, ...step.env },
    signal: ctx.signal,
    start,
    documents: ctx.documents,
    depth: ctx.depth,
    runNested: (doc, parameters) => runNested(doc, parameters, stepName, start, ctx),
  };
  if (plugin === undefined) {
    return Promise.resolve(pluginFailure(pluginCtx, new Date(), `This agent does not support ${step.action}.`));
  }
  return plugin(step.inputs, pluginCtx);
}

/** Runs a nested document (aws:runDocument) in the step `stepName`; its steps' output is the step's output. */
async function runNested(
  doc: CommandDocument,
  parameters: TypedParameters,
  stepName: string,
  start: StepStart,
  ctx: SequenceContext,
): Promise<StepResult> {
  const startedAt = new Date();
  const stepDir = stepDirectory(ctx.stateDir, ctx.commandId, stepName);
  const plan: StepPlan = {
    steps: planSteps(doc, parameters),
    written: doc.steps,
    schemaVersion: doc.schemaVersion,
    progressPath: join(stepDir, "progress.json"),
    prefix: `${stepName}.`,
  };
  const outcome = await runSteps(plan, { ...ctx, resume: start !== "fresh", depth: ctx.depth + 1 });
  const base = { startedAt: startedAt.toISOString(), endedAt: new Date().toISOString(), outputDir: stepDir };
  if (outcome.kind === "reboot") {
    const message = "a step of the nested document asked for a reboot (exit 194)";
    return {
      ...base,
      status: "Failed",
      responseCode: EXIT_REBOOT,
      stdout: "",
      stderr: "",
      stdoutBytes: 0,
      stderrBytes: 0,
      skipRemaining: false,
      message,
    };
  }
  const status = documentStatus(outcome.results);
  const stdout = joinOutputs(outcome.results.map((r) => r.stdout)).slice(0, STDOUT_LIMIT);
  const stderr = joinOutputs(outcome.results.map((r) => r.stderr)).slice(0, STDERR_LIMIT);
  return {
    ...base,
    status,
    responseCode: documentResponseCode(outcome.results, status),
    stdout,
    stderr,
    stdoutBytes: Buffer.byteLength(stdout),
    stderrBytes: Buffer.byteLength(stderr),
    skipRemaining: false,
  };
}

function joinOutputs(parts: string[]): string {
  return parts
    .filter((part) => part !== "")
    .map((part) => (part.endsWith("\n") ? part : `${part}\n`))
    .join("");
}
