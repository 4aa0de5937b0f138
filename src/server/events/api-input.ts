import type { z } from "zod";
import { FleetrunApiError } from "./fleetrun-api-error.ts";

/** Parses an operation's input with its schema; a mismatch is a ValidationException naming the member. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const member = issue?.path.join(".") || "input";
  throw new FleetrunApiError("ValidationException", `${member}: ${issue?.message ?? "invalid"}`);
}

/** A page request from MaxResults / NextToken (the token is the offset, base64url). */
export function pageOf(input: { MaxResults?: number | undefined; NextToken?: string | undefined }, max = 50) {
  let offset = 0;
  if (input.NextToken !== undefined) {
    offset = Number(Buffer.from(input.NextToken, "base64url").toString("utf8"));
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new FleetrunApiError("ValidationException", "NextToken is not a token this API returned.");
    }
  }
  return { offset, limit: Math.min(input.MaxResults ?? max, max) };
}

/** The NextToken of the page after `page`, when there is one. */
export function nextToken(page: { offset: number; limit: number }, more: boolean): { NextToken?: string } {
  return more ? { NextToken: Buffer.from(String(page.offset + page.limit)).toString("base64url") } : {};
}

/** Epoch milliseconds as the API shows times. */
export const isoDate = (ms: number): string => new Date(ms).toISOString();
