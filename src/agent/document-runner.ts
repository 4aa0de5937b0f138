import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { AgentPluginResult, InvokeMessage, ResultMessage } from "../protocol/agent/messages.ts";
import { checkTypedParameters, type PlannedStep, parseDocument, planSteps } from "../protocol/document/index.ts";
import { adoptRunningStep, type StepResult, stepDirectory } from "./executor/index.ts";
import { platformInfo } from "./platform-info.ts";
import { PLUGINS } from "./plugins/registry.ts";
import { writeFileAtomic } from "./spool/atomic-file.ts";

/** Where a document run stands, so a restarted agent resumes instead of re-running. */
interface Progress {
  done: AgentPluginResult[];
  /** The step that was running, if any. */
  current?: string;
  skipRest?: boolean;
}

/** What a document run needs. */
export interface RunContext {
  stateDir: string;
  instanceId: string;
  signal: AbortSignal;
  /** Re-attach to steps started by an earlier agent process. */
  resume: boolean;
}

const progressPath = (stateDir: string, commandId: string) =>
  join(stateDir, "orchestration", commandId, "progress.json");

async function loadProgress(stateDir: string, commandId: string): Promise<Progress> {
  try {
    return JSON.parse(await readFile(progressPath(stateDir, commandId), "utf8")) as Progress;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { done: [] };
    throw error;
  }
}

async function saveProgress(stateDir: string, commandId: string, progress: Progress): Promise<void> {
  await mkdir(join(stateDir, "orchestration", commandId), { recursive: true });
  await writeFileAtomic(progressPath(stateDir, commandId), JSON.stringify(progress));
}

/** Schema 1.2 reports steps by plugin name (`aws:runShellScript`), 2.x by step name. */
function pluginResult(step: PlannedStep, r: StepResult, schemaVersion: string): AgentPluginResult {
  return {
    name: schemaVersion === "1.2" ? step.action : step.name,
    action: step.action,
    status: r.status,
    responseCode: r.responseCode,
    stdout: r.stdout,
    stderr: r.message && r.stderr === "" ? r.message : r.stderr,
    startedAt: Date.parse(r.startedAt),
    endedAt: Date.parse(r.endedAt),
    ...(r.message === undefined ? {} : { message: r.message.slice(0, 2000) }),
  };
}

function failedResult(commandId: string, message: string): ResultMessage {
  const now = Date.now();
  return {
    type: "result",
    commandId,
    status: "Failed",
    responseCode: 1,
    endedAt: now,
    plugins: [
      {
        name: "document",
        action: "",
        status: "Failed",
        responseCode: 1,
        stdout: "",
        stderr: message.slice(0, 8000),
        endedAt: now,
      },
    ],
  };
}

/** Inline output a result frame may carry in all (stays well under the server's frame limit). */
const RESULT_OUTPUT_BUDGET = 400_000;

/** Cuts every step's inline output by the same factor when a document has many verbose steps. */
export function fitOutputs(plugins: AgentPluginResult[], budget = RESULT_OUTPUT_BUDGET): AgentPluginResult[] {
  const total = plugins.reduce((sum, p) => sum + p.stdout.length + p.stderr.length, 0);
  if (total <= budget) return plugins;
  const factor = budget / total;
  return plugins.map((p) => ({
    ...p,
    stdout: p.stdout.slice(0, Math.floor(p.stdout.length * factor)),
    stderr: p.stderr.slice(0, Math.floor(p.stderr.length * factor)),
  }));
}

/** Document status from its steps: Failed > TimedOut > Cancelled > Success (the agent's precedence). */
function documentStatus(results: AgentPluginResult[]): ResultMessage["status"] {
  for (const s of ["Failed", "TimedOut", "Cancelled"] as const) if (results.some((r) => r.status === s)) return s;
  return "Success";
}

/**
 * Runs an invocation's document: re-checks the parameters against the document (allowedPattern
 * and friends are enforced on the node too), interpolates them and runs the steps in order.
 * Progress is kept on disk, so after a restart finished steps are not run again and a running
 * step is re-adopted rather than restarted.
 */
export async function runDocument(invoke: InvokeMessage, ctx: RunContext): Promise<ResultMessage> {
  let steps: PlannedStep[];
  let schemaVersion: string;
  try {
    const doc = parseDocument(invoke.documentContent);
    checkTypedParameters(doc.parameters, invoke.parameters);
    steps = planSteps(doc, invoke.parameters);
    schemaVersion = doc.schemaVersion;
  } catch (error) {
    return failedResult(invoke.commandId, `The document could not be run: ${(error as Error).message}`);
  }
  const progress = ctx.resume ? await loadProgress(ctx.stateDir, invoke.commandId) : { done: [] };
  const platform = platformInfo();
  const env = {
    SSM_COMMAND_ID: invoke.commandId,
    AWS_SSM_INSTANCE_ID: ctx.instanceId,
    AWS_SSM_REGION_NAME: invoke.region,
    AWS_SSM_PLATFORM_NAME: platform.platformName,
    AWS_SSM_PLATFORM_VERSION: platform.platformVersion,
  };
  for (const step of steps) {
    if (progress.skipRest || ctx.signal.aborted) break;
    if (progress.done.some((d) => d.name === pluginResult(step, NOT_RUN, schemaVersion).name)) continue;
    let result: StepResult;
    if (ctx.resume && progress.current === step.name) {
      result = await adoptRunningStep(stepDirectory(ctx.stateDir, invoke.commandId, step.name), { signal: ctx.signal });
    } else {
      progress.current = step.name;
      await saveProgress(ctx.stateDir, invoke.commandId, progress);
      const plugin = PLUGINS[step.action];
      result = plugin
        ? await plugin(step.inputs, {
            stateDir: ctx.stateDir,
            commandId: invoke.commandId,
            stepName: step.name,
            env: { ...env, ...step.env },
            signal: ctx.signal,
          })
        : unsupported(step);
    }
    progress.done.push(pluginResult(step, result, schemaVersion));
    delete progress.current;
    const stop =
      result.skipRemaining ||
      result.status === "Cancelled" ||
      (result.status !== "Success" && (step.onFailure === "exit" || step.onFailure === "successAndExit")) ||
      (result.status === "Success" && step.onSuccess === "exit");
    if (stop) progress.skipRest = true;
    await saveProgress(ctx.stateDir, invoke.commandId, progress);
  }
  const results = progress.done;
  const status =
    ctx.signal.aborted && results.every((r) => r.status === "Success") ? "Cancelled" : documentStatus(results);
  const deciding = results.find((r) => r.status === status) ?? results.at(-1);
  return {
    type: "result",
    commandId: invoke.commandId,
    status,
    responseCode: deciding?.responseCode ?? (status === "Cancelled" ? 137 : 0),
    ...(results[0]?.startedAt === undefined ? {} : { startedAt: results[0].startedAt }),
    endedAt: Date.now(),
    plugins: fitOutputs(results),
  };
}

const NOT_RUN: StepResult = {
  status: "Failed",
  responseCode: -1,
  stdout: "",
  stderr: "",
  stdoutBytes: 0,
  stderrBytes: 0,
  startedAt: new Date(0).toISOString(),
  endedAt: new Date(0).toISOString(),
  outputDir: "",
  skipRemaining: false,
};

function unsupported(step: PlannedStep): StepResult {
  const now = new Date().toISOString();
  const message = `This agent does not support the step action ${step.action}.`;
  return {
    status: "Failed",
    responseCode: 1,
    stdout: "",
    stderr: message,
    stdoutBytes: 0,
    stderrBytes: 0,
    startedAt: now,
    endedAt: now,
    outputDir: "",
    skipRemaining: false,
    message,
  };
}
