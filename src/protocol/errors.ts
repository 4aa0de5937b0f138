/**
 * Typed errors carrying an SSM error code. Every failure a client can see is one of these;
 * exactly one place (server/http/error-response.ts) turns them into `{"__type","message"}`.
 */

/** Error codes fleetrun answers with: the SSM model's exception shapes plus the common AWS ones. */
export type SsmErrorCode =
  | "AccessDeniedException"
  | "AutomationDefinitionNotFoundException"
  | "DocumentAlreadyExists"
  | "DocumentLimitExceeded"
  | "DocumentPermissionLimit"
  | "DocumentVersionLimitExceeded"
  | "DuplicateDocumentContent"
  | "DuplicateDocumentVersionName"
  | "DuplicateInstanceId"
  | "IncompleteSignatureException"
  | "InternalServerError"
  | "InvalidAction"
  | "InvalidActivation"
  | "InvalidActivationId"
  | "InvalidClientTokenId"
  | "InvalidCommandId"
  | "InvalidDocument"
  | "InvalidDocumentContent"
  | "InvalidDocumentOperation"
  | "InvalidDocumentSchemaVersion"
  | "InvalidDocumentType"
  | "InvalidDocumentVersion"
  | "InvalidFilter"
  | "InvalidFilterKey"
  | "InvalidInstanceId"
  | "InvalidInstanceInformationFilterValue"
  | "InvalidNextToken"
  | "InvalidNotificationConfig"
  | "InvalidOutputFolder"
  | "InvalidParameters"
  | "InvalidPluginName"
  | "InvalidResourceId"
  | "InvalidResourceType"
  | "InvalidRole"
  | "InvalidSignatureException"
  | "InvocationDoesNotExist"
  | "MaxDocumentSizeExceeded"
  | "MissingAuthenticationTokenException"
  | "RequestEntityTooLarge"
  | "SerializationException"
  | "ThrottlingException"
  | "TooManyTagsError"
  | "TooManyUpdates"
  | "UnsupportedOperatingSystem"
  | "UnknownOperationException"
  | "UnrecognizedClientException"
  | "UnsupportedPlatformType"
  | "ValidationException";

/** Codes answered with HTTP 500; every other code is a client error. */
const SERVER_FAULTS: ReadonlySet<SsmErrorCode> = new Set(["InternalServerError"]);

/** Codes whose model shape spells the message member in lower case. */
const LOWERCASE_MESSAGE: ReadonlySet<SsmErrorCode> = new Set(["InvalidInstanceInformationFilterValue"]);

/** An error a client sees, in the AWS shape. */
export class SsmError extends Error {
  override readonly name = "SsmError";
  readonly code: SsmErrorCode;
  readonly httpStatus: number;

  constructor(code: SsmErrorCode, message: string, httpStatus?: number) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus ?? (SERVER_FAULTS.has(code) ? 500 : 400);
  }

  /** The JSON body AWS clients parse: `__type` plus the message (both casings where modelled). */
  toBody(): Record<string, string> {
    if (LOWERCASE_MESSAGE.has(this.code)) return { __type: this.code, message: this.message };
    return { __type: this.code, message: this.message, Message: this.message };
  }
}

/** Shorthand for the most common client error. */
export function validationError(message: string): SsmError {
  return new SsmError("ValidationException", message);
}
