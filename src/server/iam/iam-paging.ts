import { IamError } from "../../core/identity/iam-error.ts";
import type { IamParams } from "./iam-params.ts";

/** A page of a list answer: the items and IAM's `IsTruncated` / `Marker`. */
export interface IamPage<T> {
  items: T[];
  IsTruncated: boolean;
  Marker: string | undefined;
}

const DEFAULT_MAX_ITEMS = 100;

/**
 * Cuts one page out of a complete, ordered list by the request's `Marker` and `MaxItems`
 * (1–1000, default 100). Markers are opaque to clients: base64 of the next offset.
 * @throws IamError ValidationError for a marker fleetrun did not issue.
 */
export function paginate<T>(all: readonly T[], params: IamParams): IamPage<T> {
  const max = params.integer("MaxItems", 1, 1000) ?? DEFAULT_MAX_ITEMS;
  const marker = params.optional("Marker");
  let offset = 0;
  if (marker !== undefined) {
    const decoded = /^o:([0-9]{1,9})$/.exec(Buffer.from(marker, "base64").toString("utf8"));
    if (!decoded) throw new IamError("ValidationError", "Invalid Marker.");
    offset = Number(decoded[1]);
  }
  const items = all.slice(offset, offset + max);
  const next = offset + items.length;
  const truncated = next < all.length;
  return {
    items,
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(`o:${next}`).toString("base64") : undefined,
  };
}
