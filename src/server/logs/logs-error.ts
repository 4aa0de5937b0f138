/** Error codes the CloudWatch Logs protocol answers with. */
export type LogsErrorCode =
  | "ResourceNotFoundException"
  | "InvalidParameterException"
  | "UnknownOperationException"
  | "SerializationException";

/** A client error of the CloudWatch Logs API, answered as `{"__type": code, "message": ...}` with HTTP 400. */
export class LogsError extends Error {
  override readonly name = "LogsError";
  readonly code: LogsErrorCode;
  readonly httpStatus = 400;

  constructor(code: LogsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
