import type {
  DocumentDefaultVersionDescription,
  UpdateDocumentDefaultVersionRequest,
  UpdateDocumentDefaultVersionResult,
} from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { documentServiceOf } from "./document-service-of.ts";
import { wireShape } from "./document-views.ts";

/** UpdateDocumentDefaultVersion: which version `$DEFAULT` (and an absent version) selects. */
export const handleUpdateDocumentDefaultVersion: OperationHandler = async (
  ctx,
  raw,
): Promise<UpdateDocumentDefaultVersionResult> => {
  const input = raw as unknown as UpdateDocumentDefaultVersionRequest;
  const version = await documentServiceOf(ctx).setDefaultVersion(input.Name, input.DocumentVersion);
  return {
    Description: wireShape<DocumentDefaultVersionDescription>({
      Name: version.name,
      DefaultVersion: String(version.version),
      DefaultVersionName: version.versionName,
    }),
  };
};
