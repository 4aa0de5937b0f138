import { SsmError } from "../../protocol/errors.ts";
import { objectOf, parseStructured, rejectUnknownKeys } from "./structured-argument.ts";

/** A resource tag. */
export interface KeyValueTag {
  Key: string;
  Value: string;
}

/** `--tags Key=Env,Value=prod Key=Role,Value=web` or `--tags '[{"Key":"Env","Value":"prod"}]'`. */
export function parseTags(args: readonly string[]): KeyValueTag[] {
  return args.flatMap((arg) => {
    const parsed = parseStructured(arg, "--tags", "Key=Env,Value=prod");
    return (Array.isArray(parsed) ? parsed : [parsed]).map((entry: unknown) => {
      const object = objectOf(entry, "--tags entry");
      rejectUnknownKeys(object, ["Key", "Value"], "--tags");
      if (typeof object.Key !== "string" || object.Key === "")
        throw new SsmError("ValidationException", "--tags: every tag needs a Key, as in Key=Env,Value=prod");
      const value = object.Value ?? "";
      if (typeof value !== "string")
        throw new SsmError("ValidationException", `--tags: the Value of ${object.Key} must be a string`);
      return { Key: object.Key, Value: value };
    });
  });
}
