import { join } from "node:path";
import type { AgentPluginResult, InvokeMessage, ResultMessage } from "../protocol/agent/messages.ts";
import { type CommandDocument, checkTypedParameters, parseDocument, planSteps } from "../protocol/document/index.ts";
import { failedResult } from "./final-results.ts";
import type { StepUploads } from "./output-upload/output-uploader.ts";
import { platformInfo } from "./platform-info.ts";
import { documentResponseCode, documentStatus } from "./step-outcome.ts";
import { runSteps } from "./step-sequence.ts";

/** What a document run needs. */
export interface RunContext {
  stateDir: string;
  instanceId: string;
  signal: AbortSignal;
  /** Re-attach to steps started by an earlier agent process, or re-run the step that asked for a reboot. */
  resume: boolean;
  /** The agent may reboot the node (it was started with `--reboot-command`). Default false. */
  rebootAllowed?: boolean;
  /** Where each step's full output goes (the agent's uploads to the server); none = kept on the node only. */
  uploads?: StepUploads;
}

/** A step exited 194 and the agent may reboot: nothing is final; the document resumes after the restart. */
export interface RebootRequest {
  type: "reboot";
  commandId: string;
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

/**
 * Runs an invocation's document: re-checks the parameters against the document (allowedPattern
 * and friends are enforced on the node too), interpolates them and runs the steps in order (see
 * `runSteps` for preconditions, flow controls and reboots). Progress is kept on disk, so after a
 * restart finished steps are not run again and a running step is re-adopted rather than
 * restarted. Answers the final result, or a {@link RebootRequest} when the node must reboot first.
 */
export async function runDocument(invoke: InvokeMessage, ctx: RunContext): Promise<ResultMessage | RebootRequest> {
  let doc: CommandDocument;
  try {
    doc = parseDocument(invoke.documentContent);
    checkTypedParameters(doc.parameters, invoke.parameters);
  } catch (error) {
    return failedResult(invoke.commandId, `The document could not be run: ${(error as Error).message}`, "document", 1);
  }
  const platform = platformInfo();
  const outcome = await runSteps(
    {
      steps: planSteps(doc, invoke.parameters),
      written: doc.steps,
      schemaVersion: doc.schemaVersion,
      progressPath: join(ctx.stateDir, "orchestration", invoke.commandId, "progress.json"),
      prefix: "",
    },
    {
      stateDir: ctx.stateDir,
      commandId: invoke.commandId,
      env: {
        SSM_COMMAND_ID: invoke.commandId,
        AWS_SSM_INSTANCE_ID: ctx.instanceId,
        AWS_SSM_REGION_NAME: invoke.region,
        AWS_SSM_PLATFORM_NAME: platform.platformName,
        AWS_SSM_PLATFORM_VERSION: platform.platformVersion,
      },
      signal: ctx.signal,
      resume: ctx.resume,
      rebootAllowed: ctx.rebootAllowed ?? false,
      documents: invoke.documents ?? {},
      depth: 0,
      ...(ctx.uploads === undefined ? {} : { uploads: ctx.uploads }),
      platformType: platform.platformType,
    },
  );
  if (outcome.kind === "reboot") return { type: "reboot", commandId: invoke.commandId };
  const results = outcome.results;
  const status =
    ctx.signal.aborted && results.every((r) => r.status === "Success") ? "Cancelled" : documentStatus(results);
  return {
    type: "result",
    commandId: invoke.commandId,
    status,
    responseCode: documentResponseCode(results, status),
    ...(results[0]?.startedAt === undefined ? {} : { startedAt: results[0].startedAt }),
    endedAt: Date.now(),
    plugins: fitOutputs(results),
  };
}
