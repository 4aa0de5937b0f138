import type { OperationHandler } from "./context.ts";
import { handleCancelCommand } from "./ops/cancel-command.ts";
import { handleCreateActivation } from "./ops/create-activation.ts";
import { handleDeleteActivation } from "./ops/delete-activation.ts";
import { handleDeregisterManagedInstance } from "./ops/deregister-managed-instance.ts";
import { handleDescribeActivations } from "./ops/describe-activations.ts";
import { handleDescribeInstanceInformation } from "./ops/describe-instance-information.ts";
import { handleGetCommandInvocation } from "./ops/get-command-invocation.ts";
import { handleListCommandInvocations } from "./ops/list-command-invocations.ts";
import { handleListCommands } from "./ops/list-commands.ts";
import { handleSendCommand } from "./ops/send-command.ts";
import { handleAddTagsToResource, handleListTagsForResource, handleRemoveTagsFromResource } from "./ops/tags.ts";

/** The SSM operations fleetrun answers, by X-Amz-Target operation name. */
export const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  AddTagsToResource: handleAddTagsToResource,
  CancelCommand: handleCancelCommand,
  CreateActivation: handleCreateActivation,
  DeleteActivation: handleDeleteActivation,
  DeregisterManagedInstance: handleDeregisterManagedInstance,
  DescribeActivations: handleDescribeActivations,
  DescribeInstanceInformation: handleDescribeInstanceInformation,
  GetCommandInvocation: handleGetCommandInvocation,
  ListCommandInvocations: handleListCommandInvocations,
  ListCommands: handleListCommands,
  ListTagsForResource: handleListTagsForResource,
  RemoveTagsFromResource: handleRemoveTagsFromResource,
  SendCommand: handleSendCommand,
};
