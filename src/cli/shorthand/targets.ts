import { SsmError } from "../../protocol/errors.ts";
import { objectOf, parseStructured, rejectUnknownKeys, stringList } from "./structured-argument.ts";

/** A `{Key, Values}` pair: a SendCommand target or a DescribeInstanceInformation filter. */
export interface KeyValues {
  Key: string;
  Values: string[];
}

const HINT = "Key=tag:Role,Values=web,db";

/**
 * `--targets` / `--filters` as the aws CLI takes them: each argument is one shorthand entry
 * (`Key=tag:Role,Values=web,db`, `"Key=tag:Operating System,Values=Windows Server 2016 Nano"`) or a
 * JSON list or object (`[{"Key":"InstanceIds","Values":["mi-..."]}]`).
 */
export function parseKeyValues(args: readonly string[], flag: string): KeyValues[] {
  return args.flatMap((arg) => {
    const parsed = parseStructured(arg, flag, HINT);
    return (Array.isArray(parsed) ? parsed : [parsed]).map((entry) => keyValues(entry, flag));
  });
}

function keyValues(entry: unknown, flag: string): KeyValues {
  const object = objectOf(entry, `${flag} entry`);
  rejectUnknownKeys(object, ["Key", "Values"], flag);
  const key = object.Key;
  if (typeof key !== "string" || key === "")
    throw new SsmError("ValidationException", `${flag}: every entry needs a Key, as in ${HINT}`);
  if (object.Values === undefined)
    throw new SsmError("ValidationException", `${flag}: Key=${key} needs Values, as in ${HINT}`);
  return { Key: key, Values: stringList(object.Values, `${flag} Values`) };
}
