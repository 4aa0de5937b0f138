/** Error codes the CloudTrail protocol answers with (the model's LookupEvents errors and common ones). */
export type CloudTrailErrorCode =
  | "InvalidLookupAttributesException"
  | "InvalidTimeRangeException"
  | "InvalidMaxResultsException"
  | "InvalidNextTokenException"
  | "InvalidEventCategoryException"
  | "UnknownOperationException"
  | "SerializationException";

/** A client error of the CloudTrail API, answered as `{"__type": code, "message": ...}` with HTTP 400. */
export class CloudTrailError extends Error {
  override readonly name = "CloudTrailError";
  readonly code: CloudTrailErrorCode;
  readonly httpStatus = 400;

  constructor(code: CloudTrailErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
