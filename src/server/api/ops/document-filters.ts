import type { DocumentQuery } from "../../../core/documents/list-documents.ts";
import type { DocumentListFilter } from "../../../core/ports/document-store.ts";
import { SsmError } from "../../../protocol/errors.ts";
import type { ListDocumentsRequest } from "../../../protocol/ssm/types.ts";

const TAG_PREFIX = "tag:";

/**
 * ListDocuments `Filters` and the legacy `DocumentFilterList` (both may be given; they AND) → a
 * document query. Values of one key OR together; keys AND. `Name` matches a prefix. `Owner`:
 * `Self`, `Private` or the account id → your documents; `Amazon` or `Public` → the built-ins;
 * `All` → both; anything else (e.g. `ThirdParty`) → nothing. At most one `tag:<key>` per call.
 * @throws SsmError `InvalidFilterKey` for an unknown key or a second tag key.
 */
export function documentQuery(input: ListDocumentsRequest, accountId: string): DocumentQuery {
  const entries: Array<{ key: string; values: string[] | undefined }> = [
    ...(input.Filters ?? []).map((f) => ({ key: f.Key ?? "", values: f.Values })),
    ...(input.DocumentFilterList ?? []).map((f) => ({ key: f.key, values: [f.value] })),
  ];
  const filter: DocumentListFilter = {};
  let owners: DocumentQuery["owners"] | undefined;
  const add = (list: string[] | undefined, values: string[]) => [...(list ?? []), ...values];
  for (const { key, values } of entries) {
    if (key.startsWith(TAG_PREFIX) && key.length > TAG_PREFIX.length) {
      const tagKey = key.slice(TAG_PREFIX.length);
      const existing = filter.tags?.[0];
      if (existing && existing.key !== tagKey) {
        throw new SsmError("InvalidFilterKey", "ListDocuments accepts only one tag:<key> filter per call.");
      }
      const selected = values && values.length > 0 ? add(existing?.values, values) : existing?.values;
      filter.tags = [selected === undefined ? { key: tagKey } : { key: tagKey, values: selected }];
      continue;
    }
    if (values === undefined || values.length === 0) {
      if (!KNOWN_KEYS.has(key)) throw unknownKey(key);
      continue;
    }
    if (key === "Owner") owners = ownersOf(values, accountId, owners);
    else if (key === "Name") filter.namePrefixes = add(filter.namePrefixes, values);
    else if (key === "PlatformTypes") filter.platformTypes = add(filter.platformTypes, values);
    else if (key === "DocumentType") filter.documentTypes = add(filter.documentTypes, values);
    else if (key === "TargetType") filter.targetTypes = add(filter.targetTypes, values);
    else throw unknownKey(key);
  }
  return { owners: owners ?? { self: true, amazon: true }, filter };
}

const KNOWN_KEYS = new Set(["Owner", "Name", "PlatformTypes", "DocumentType", "TargetType"]);

function unknownKey(key: string): SsmError {
  return new SsmError(
    "InvalidFilterKey",
    `Filter key ${key} is not supported; use Owner, Name, PlatformTypes, DocumentType, TargetType or tag:<key>.`,
  );
}

function ownersOf(
  values: string[],
  accountId: string,
  previous: DocumentQuery["owners"] | undefined,
): DocumentQuery["owners"] {
  const owners = previous ?? { self: false, amazon: false };
  for (const value of values) {
    if (value === "Self" || value === "Private" || value === accountId) owners.self = true;
    else if (value === "Amazon" || value === "Public") owners.amazon = true;
    else if (value === "All") {
      owners.self = true;
      owners.amazon = true;
    }
  }
  return owners;
}
