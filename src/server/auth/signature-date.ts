/**
 * The SigV4 timestamp: `X-Amz-Date` in ISO-8601 basic format (`20260101T000000Z`), and the
 * clock-skew window AWS enforces around it.
 */
import { SsmError } from "../../protocol/errors.ts";

const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Parses an `X-Amz-Date` value (`YYYYMMDDTHHMMSSZ`, UTC) into a Date.
 * Returns undefined for anything else, including impossible dates such as `20260231T000000Z`.
 */
export function signatureDate(xAmzDate: string): Date | undefined {
  const m = BASIC_FORMAT.exec(xAmzDate);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls over out-of-range fields (Feb 31 → Mar 3); a round trip rejects them.
  return formatSignatureDate(date) === xAmzDate ? date : undefined;
}

/** Formats a Date as SigV4's `YYYYMMDDTHHMMSSZ` (whole seconds, UTC). */
export function formatSignatureDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Throws AWS's `InvalidSignatureException` when `signedAt` lies more than `maxSkewSeconds`
 * before or after `now`, worded exactly as AWS words it.
 */
export function assertWithinSkew(signedAt: Date, now: Date, maxSkewSeconds: number): void {
  const skewMs = maxSkewSeconds * 1000;
  const window = maxSkewSeconds % 60 === 0 ? `${maxSkewSeconds / 60} min.` : `${maxSkewSeconds} sec.`;
  const signed = formatSignatureDate(signedAt);
  const current = formatSignatureDate(now);
  if (signedAt.getTime() < now.getTime() - skewMs) {
    const earliest = formatSignatureDate(new Date(now.getTime() - skewMs));
    throw new SsmError(
      "InvalidSignatureException",
      `Signature expired: ${signed} is now earlier than ${earliest} (${current} - ${window})`,
    );
  }
  if (signedAt.getTime() > now.getTime() + skewMs) {
    const latest = formatSignatureDate(new Date(now.getTime() + skewMs));
    throw new SsmError(
      "InvalidSignatureException",
      `Signature not yet current: ${signed} is still later than ${latest} (${current} + ${window})`,
    );
  }
}
