import { validationError } from "../../protocol/errors.ts";

/** Name prefixes AWS keeps for its own documents (compared case-insensitively). */
export const RESERVED_NAME_PREFIXES: readonly string[] = [
  "aws",
  "amazon",
  "amzn",
  "AWSEC2",
  "AWSConfigRemediation",
  "AWSSupport",
];

/**
 * Refuses a name for a new user document that starts with a reserved prefix.
 * @throws SsmError `ValidationException` naming the prefixes.
 */
export function checkDocumentName(name: string): void {
  const lower = name.toLowerCase();
  if (RESERVED_NAME_PREFIXES.some((prefix) => lower.startsWith(prefix.toLowerCase()))) {
    throw validationError(
      `Document name ${name} is not valid: names can't start with ${RESERVED_NAME_PREFIXES.join(", ")} (in any letter case).`,
    );
  }
}
