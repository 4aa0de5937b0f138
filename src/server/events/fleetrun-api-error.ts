/** Error codes of fleetrun's own JSON API (topics, subscriptions, rules, deliveries). */
export type FleetrunApiErrorCode =
  | "ResourceNotFoundException"
  | "ResourceAlreadyExistsException"
  | "InvalidEventPatternException"
  | "ValidationException"
  | "UnknownOperationException"
  | "SerializationException";

/** A client error of the fleetrun API, answered as `{"__type": code, "message": ...}` with HTTP 400. */
export class FleetrunApiError extends Error {
  override readonly name = "FleetrunApiError";
  readonly code: FleetrunApiErrorCode;
  readonly httpStatus = 400;

  constructor(code: FleetrunApiErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
