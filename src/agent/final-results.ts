import type { ResultMessage } from "../protocol/agent/messages.ts";
import { OUTPUT_LIMITS } from "../protocol/output-limits.ts";

/** The result of an invocation that never ran (cancelled before it started). */
export function cancelledResult(commandId: string): ResultMessage {
  return { type: "result", commandId, status: "Cancelled", responseCode: -1, endedAt: Date.now(), plugins: [] };
}

/**
 * The result of an invocation the agent could not run at all, the reason in stderr of a single
 * pseudo-step named `stepName` ("document" when the document was refused, "agent" when the agent
 * itself failed).
 */
export function failedResult(
  commandId: string,
  message: string,
  stepName: string,
  responseCode: number,
): ResultMessage {
  const now = Date.now();
  return {
    type: "result",
    commandId,
    status: "Failed",
    responseCode,
    endedAt: now,
    plugins: [
      {
        name: stepName,
        action: "",
        status: "Failed",
        responseCode,
        stdout: "",
        stderr: message.slice(0, OUTPUT_LIMITS.stderr),
        endedAt: now,
      },
    ],
  };
}
