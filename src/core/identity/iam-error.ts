/**
 * Errors of the IAM API, with IAM's codes and HTTP statuses (from the IAM model's error shapes and
 * AWS's common errors). The IAM protocol turns them into `<ErrorResponse>` documents.
 */

/** HTTP status of each IAM error code fleetrun answers with. */
export const IAM_ERROR_STATUS = {
  AccessDenied: 403,
  DeleteConflict: 409,
  EntityAlreadyExists: 409,
  IncompleteSignature: 400,
  InvalidAction: 400,
  InvalidClientTokenId: 403,
  InvalidInput: 400,
  LimitExceeded: 409,
  MalformedPolicyDocument: 400,
  MissingAuthenticationToken: 403,
  NoSuchEntity: 404,
  PolicyNotAttachable: 400,
  RequestExpired: 400,
  ServiceFailure: 500,
  SignatureDoesNotMatch: 403,
  Throttling: 400,
  ValidationError: 400,
} as const;

/** An IAM error code. */
export type IamErrorCode = keyof typeof IAM_ERROR_STATUS;

/** An error an IAM client sees. `Type` is `Receiver` for server faults, else `Sender`. */
export class IamError extends Error {
  override readonly name = "IamError";
  readonly code: IamErrorCode;
  readonly httpStatus: number;

  constructor(code: IamErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.httpStatus = IAM_ERROR_STATUS[code];
  }

  /** Whether the fault is the server's (`Receiver`) rather than the caller's (`Sender`). */
  get serverFault(): boolean {
    return this.httpStatus >= 500;
  }
}

/** `NoSuchEntity` for a user, as IAM words it. */
export function noSuchUser(name: string): IamError {
  return new IamError("NoSuchEntity", `The user with name ${name} cannot be found.`);
}

/** `NoSuchEntity` for a group, as IAM words it. */
export function noSuchGroup(name: string): IamError {
  return new IamError("NoSuchEntity", `The group with name ${name} cannot be found.`);
}

/** `NoSuchEntity` for a managed policy, as IAM words it. */
export function noSuchPolicy(arn: string): IamError {
  return new IamError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`);
}
