import { SSMClient, SSMServiceException } from "@aws-sdk/client-ssm";
import { SsmError } from "../protocol/errors.ts";
import { type ClientFlags, clientConfig } from "./client-options.ts";

/** Exit status for arguments that could not be parsed (as the aws CLI: a usage error). */
export const EXIT_USAGE_ERROR = 252;

/** Exit status when the server refused a request (as the aws CLI: a service error). */
export const EXIT_SERVICE_ERROR = 254;

/** Exit status for anything else that went wrong (e.g. the server could not be reached). */
export const EXIT_OTHER_ERROR = 255;

/**
 * Runs a client subcommand with an SSM client made from its flags, and turns failures into the
 * aws CLI's messages and exit statuses: a bad argument → 252, a service error → 254 with
 * "An error occurred (Code) when calling the Operation operation: message", anything else → 255.
 * The action's own result (e.g. `send-command --wait`'s 0/1/2) becomes the exit status.
 */
export function clientAction<F extends ClientFlags>(
  run: (ssm: SSMClient, flags: F, ...args: string[]) => Promise<number | undefined>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    // commander passes the positional arguments, then the options, then the command.
    const flags = args.at(-2) as F;
    const positional = args.slice(0, -2) as string[];
    // The SDK warns about future Node versions on stderr; aws prints nothing of the kind.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    let ssm: SSMClient | undefined;
    let operation: string | undefined;
    try {
      ssm = new SSMClient(clientConfig(flags));
      ssm.middlewareStack.add(
        (next, context) => (request) => {
          operation = context.commandName?.replace(/Command$/, "");
          return next(request);
        },
        { step: "initialize", name: "fleetrunOperationName" },
      );
      process.exitCode = (await run(ssm, flags, ...positional)) ?? 0;
    } catch (error) {
      process.exitCode = report(error, operation);
    } finally {
      ssm?.destroy();
    }
  };
}

function report(error: unknown, operation: string | undefined): number {
  if (error instanceof SsmError) {
    process.stderr.write(`fleetrun: ${error.message}\n`);
    return EXIT_USAGE_ERROR;
  }
  if (error instanceof SSMServiceException) {
    const where = operation ? ` when calling the ${operation} operation` : "";
    process.stderr.write(`\nAn error occurred (${error.name})${where}: ${error.message}\n`);
    return EXIT_SERVICE_ERROR;
  }
  process.stderr.write(`fleetrun: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_OTHER_ERROR;
}
