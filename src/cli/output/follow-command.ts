import { commandEvents, type StreamTarget } from "./command-stream.ts";
import { FollowPrinter, type LineSink } from "./follow-printer.ts";

/** How a followed command ended. */
export interface FollowEnd {
  status: string;
  statusDetails: string;
}

interface OutputEvent {
  instanceId: string;
  step: string;
  stream: "stdout" | "stderr";
  text: string;
}

/**
 * Follows a command's live output (from its start) and prints it line by line with node
 * prefixes until the command ends; returns its final status. `instanceId` keeps one node.
 */
export async function followCommand(
  target: StreamTarget,
  commandId: string,
  sink: LineSink,
  instanceId?: string,
): Promise<FollowEnd> {
  const printer = new FollowPrinter(sink);
  for await (const event of commandEvents(target, commandId)) {
    if (event.event === "output") {
      const out = JSON.parse(event.data) as OutputEvent;
      if (instanceId === undefined || out.instanceId === instanceId) {
        printer.output(out.instanceId, out.step, out.stream, out.text);
      }
    } else if (event.event === "end") {
      printer.flush();
      return JSON.parse(event.data) as FollowEnd;
    } else if (event.event === "error") {
      printer.flush();
      const error = JSON.parse(event.data) as { code?: string; message?: string };
      throw new Error(`the output stream failed: ${error.code ?? "Error"}: ${error.message ?? ""}`);
    }
  }
  printer.flush();
  throw new Error("the output stream closed before the command ended");
}
