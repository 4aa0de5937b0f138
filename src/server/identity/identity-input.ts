import { IamError } from "../../core/identity/iam-error.ts";
import { isValidName, isValidPath, MAX_NAME, MAX_USER_NAME, NAME_PATTERN } from "../../core/identity/iam-names.ts";
import type { IamTag } from "../../core/identity/identity-records.ts";
import { type PolicyDocument, parsePolicy } from "../../core/policies/index.ts";
import { SsmError } from "../../protocol/errors.ts";

/** IAM's `ValidationError`, worded as AWS words a failed constraint. */
export function validationError(member: string, value: string, constraint: string): IamError {
  return new IamError(
    "ValidationError",
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** Checks a user name (`max` 64) or a group / policy name (`max` 128). */
export function checkName(member: string, name: string, max: number = MAX_NAME): void {
  if (isValidName(name, max)) return;
  if (name.length < 1 || name.length > max)
    throw validationError(member, name, `Member must have length between 1 and ${max}`);
  throw validationError(
    member,
    name,
    `Member must satisfy regular expression pattern: ${NAME_PATTERN.source.slice(1, -1)}`,
  );
}

/** Checks a user name. */
export function checkUserName(name: string): void {
  checkName("userName", name, MAX_USER_NAME);
}

/** Checks a path (default `/`) and returns it. */
export function checkPath(path: string | undefined): string {
  const value = path ?? "/";
  if (!isValidPath(value))
    throw validationError(
      "path",
      value,
      "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)",
    );
  return value;
}

/** Checks tags (at most 50, keys 1–128 and values 0–256 characters, unique keys). */
export function checkTags(tags: readonly IamTag[] | undefined): IamTag[] {
  const list = [...(tags ?? [])];
  if (list.length > 50)
    throw validationError("tags", `${list.length} tags`, "Member must have length less than or equal to 50");
  const keys = new Set<string>();
  for (const { Key, Value } of list) {
    if (Key.length < 1 || Key.length > 128)
      throw validationError("tags.member.key", Key, "Member must have length between 1 and 128");
    if (Value.length > 256)
      throw validationError("tags.member.value", Value, "Member must have length less than or equal to 256");
    if (keys.has(Key.toLowerCase()))
      throw new IamError("InvalidInput", `Duplicate tag keys found. Please note that Tag keys are case insensitive.`);
    keys.add(Key.toLowerCase());
  }
  return list;
}

/** Parses a policy document, turning a grammar problem into IAM's `MalformedPolicyDocument`. */
export function checkPolicyDocument(document: string): PolicyDocument {
  if (document.length > 131_072) throw new IamError("LimitExceeded", "Cannot exceed quota for PolicySize: 131072");
  try {
    return parsePolicy(document);
  } catch (error) {
    if (error instanceof SsmError) throw new IamError("MalformedPolicyDocument", error.message);
    throw error;
  }
}
