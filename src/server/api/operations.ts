import type { TypedSsmOperation } from "../../protocol/ssm/types.ts";
import type { OperationTable } from "./context.ts";
import { handleCancelCommand } from "./ops/cancel-command.ts";
import { handleCreateActivation } from "./ops/create-activation.ts";
import { handleCreateDocument } from "./ops/create-document.ts";
import { handleDeleteActivation } from "./ops/delete-activation.ts";
import { handleDeleteDocument } from "./ops/delete-document.ts";
import { handleDeregisterManagedInstance } from "./ops/deregister-managed-instance.ts";
import { handleDescribeActivations } from "./ops/describe-activations.ts";
import { handleDescribeDocument } from "./ops/describe-document.ts";
import { handleDescribeInstanceInformation } from "./ops/describe-instance-information.ts";
import { handleGetCommandInvocation } from "./ops/get-command-invocation.ts";
import { handleGetDocument } from "./ops/get-document.ts";
import { handleListCommandInvocations } from "./ops/list-command-invocations.ts";
import { handleListCommands } from "./ops/list-commands.ts";
import { handleListDocumentVersions } from "./ops/list-document-versions.ts";
import { handleListDocuments } from "./ops/list-documents.ts";
import { handleSendCommand } from "./ops/send-command.ts";
import { handleAddTagsToResource, handleListTagsForResource, handleRemoveTagsFromResource } from "./ops/tags.ts";
import { handleUpdateDocument } from "./ops/update-document.ts";
import { handleUpdateDocumentDefaultVersion } from "./ops/update-document-default-version.ts";

/** The SSM operations fleetrun answers, by X-Amz-Target operation name. */
export const OPERATIONS: OperationTable = {
  AddTagsToResource: handleAddTagsToResource,
  CancelCommand: handleCancelCommand,
  CreateActivation: handleCreateActivation,
  CreateDocument: handleCreateDocument,
  DeleteActivation: handleDeleteActivation,
  DeleteDocument: handleDeleteDocument,
  DeregisterManagedInstance: handleDeregisterManagedInstance,
  DescribeActivations: handleDescribeActivations,
  DescribeDocument: handleDescribeDocument,
  DescribeInstanceInformation: handleDescribeInstanceInformation,
  GetCommandInvocation: handleGetCommandInvocation,
  GetDocument: handleGetDocument,
  ListCommandInvocations: handleListCommandInvocations,
  ListCommands: handleListCommands,
  ListDocumentVersions: handleListDocumentVersions,
  ListDocuments: handleListDocuments,
  ListTagsForResource: handleListTagsForResource,
  RemoveTagsFromResource: handleRemoveTagsFromResource,
  SendCommand: handleSendCommand,
  UpdateDocument: handleUpdateDocument,
  UpdateDocumentDefaultVersion: handleUpdateDocumentDefaultVersion,
};

/** Whether fleetrun answers `name` (an X-Amz-Target operation name). */
export function isServed(name: string): name is TypedSsmOperation {
  return Object.hasOwn(OPERATIONS, name);
}
