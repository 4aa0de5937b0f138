import type { CustomTypesConfig } from "pg";
import pg from "pg";

const INT8_OID = 20;

/**
 * Type parsers for the store's pool only (the global `pg.types` is left alone): BIGINT (epoch
 * milliseconds, COUNT(*)) comes back as a JS number instead of a string.
 */
export const storeTypeParsers: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as CustomTypesConfig["getTypeParser"],
};
