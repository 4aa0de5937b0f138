import { objectOf, parseStructured, stringList } from "./structured-argument.ts";

const HINT = 'commands=["echo hi","ls"],workingDirectory=/tmp';

/**
 * `--parameters` as the aws CLI takes it: shorthand (`commands=["echo hi","ls"]`,
 * `commands="echo hi"`, `commands=echo hi`, `workingDirectory=/tmp`) or JSON
 * (`{"commands":["uname -a"]}`), every value made a list of strings as SendCommand wants. Several
 * arguments merge, later ones winning.
 */
export function parseParameters(args: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const arg of args) {
    const object = objectOf(parseStructured(arg, "--parameters", HINT), "--parameters");
    for (const [name, value] of Object.entries(object)) out[name] = stringList(value, `--parameters ${name}`);
  }
  return out;
}
