import type { Page, PageRequest } from "../../core/ports/store.ts";
import { SsmError } from "../../protocol/errors.ts";

const PREFIX = "fr1.";

/** Turns MaxResults/NextToken into an offset page; tokens are opaque to clients. */
export function pageRequest(
  input: { MaxResults?: number; NextToken?: string },
  defaultLimit: number,
  maxLimit: number,
): PageRequest {
  const limit = input.MaxResults === undefined ? defaultLimit : Math.min(input.MaxResults, maxLimit);
  const token = input.NextToken;
  if (token === undefined || token === "") return { offset: 0, limit };
  const decoded = token.startsWith(PREFIX) ? Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8") : "";
  const offset = /^[0-9]{1,9}$/.test(decoded) ? Number(decoded) : Number.NaN;
  if (!Number.isInteger(offset)) throw new SsmError("InvalidNextToken", "The specified token isn't valid.");
  return { offset, limit };
}

/** The NextToken for the page after `page`, or undefined when it was the last. */
export function nextToken<T>(request: PageRequest, page: Page<T>): string | undefined {
  if (!page.more) return undefined;
  return PREFIX + Buffer.from(String(request.offset + page.items.length), "utf8").toString("base64url");
}
