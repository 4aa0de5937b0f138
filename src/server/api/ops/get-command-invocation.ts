import { SsmError } from "../../../protocol/errors.ts";
import { OUTPUT_LIMITS } from "../../../protocol/output-limits.ts";
import type { OperationHandler } from "../context.ts";
import { outputUrls } from "../output-urls.ts";
import { isoDuration, isoOrEmpty } from "../wire.ts";

/**
 * GetCommandInvocation: the first 24,000 characters of stdout and 8,000 of stderr. Without
 * PluginName it answers for the invocation's only step; a multi-step invocation needs PluginName
 * (InvalidPluginName otherwise, see docs/decisions.md).
 */
export const handleGetCommandInvocation: OperationHandler<"GetCommandInvocation"> = async (ctx, input) => {
  await ctx.authz.require("ssm:GetCommandInvocation", await ctx.authz.node(input.InstanceId));
  const command = await ctx.store.getCommand(input.CommandId);
  if (!command) throw new SsmError("InvalidCommandId", `Command ${input.CommandId} does not exist.`);
  const inv = await ctx.store.getInvocation(input.CommandId, input.InstanceId);
  if (!inv)
    throw new SsmError(
      "InvocationDoesNotExist",
      `Command ${input.CommandId} has no invocation on ${input.InstanceId}.`,
    );
  let plugin = inv.plugins[0];
  if (input.PluginName === undefined && inv.plugins.length > 1) {
    throw new SsmError(
      "InvalidPluginName",
      `Command ${input.CommandId} ran ${inv.plugins.length} steps; name one with PluginName (${inv.plugins.map((p) => p.name).join(", ")}).`,
    );
  }
  if (input.PluginName !== undefined) {
    plugin = inv.plugins.find((p) => p.name === input.PluginName);
    if (!plugin && inv.plugins.length > 0)
      throw new SsmError("InvalidPluginName", `The invocation has no plugin named ${input.PluginName}.`);
  }
  const useInvocation = input.PluginName === undefined || !plugin;
  const startedAt = useInvocation ? inv.startedAt : plugin?.startedAt;
  const endedAt = useInvocation ? inv.endedAt : plugin?.endedAt;
  const stdout = useInvocation ? inv.stdout : (plugin?.stdout ?? "");
  const stderr = useInvocation ? inv.stderr : (plugin?.stderr ?? "");
  const ran = startedAt !== undefined;
  const urls = outputUrls(ctx.outputs, command)(inv.instanceId, plugin);
  return {
    CommandId: inv.commandId,
    InstanceId: inv.instanceId,
    Comment: command.comment,
    DocumentName: command.documentName,
    DocumentVersion: command.documentVersion,
    PluginName: plugin?.name ?? input.PluginName ?? "",
    ResponseCode: useInvocation ? inv.responseCode : (plugin?.responseCode ?? -1),
    ExecutionStartDateTime: isoOrEmpty(startedAt),
    ExecutionElapsedTime: ran ? isoDuration(startedAt, endedAt) : "",
    ExecutionEndDateTime: ran ? isoOrEmpty(endedAt) : "",
    Status: inv.status,
    StatusDetails: inv.statusDetails,
    StandardOutputContent: stdout.slice(0, OUTPUT_LIMITS.stdout),
    StandardOutputUrl: urls.stdout,
    StandardErrorContent: stderr.slice(0, OUTPUT_LIMITS.stderr),
    StandardErrorUrl: urls.stderr,
    CloudWatchOutputConfig: command.cloudWatchOutputConfig,
  };
};
