/** Identifier source (random in production; deterministic fakes are allowed in unit tests). */
export interface Ids {
  /** A random UUID (CommandId, ActivationId). */
  uuid(): string;
  /** A managed-node id: `mi-` + 17 lowercase hex digits. */
  nodeId(): string;
  /** A secret of `length` URL-safe characters (activation codes, access keys). */
  secret(length: number, alphabet?: string): string;
}
