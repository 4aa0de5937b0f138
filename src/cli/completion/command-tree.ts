import type { Command } from "commander";

/** A flag as completion offers it. */
export interface CompletionFlag {
  name: string;
  description: string;
  /** Whether a value follows the flag. */
  takesValue: boolean;
  /** The values it accepts, when the program declares them. */
  choices: readonly string[];
}

/** One command of the tree: its path (`documents/create`, "" for the program) and what follows it. */
export interface CompletionEntry {
  path: string;
  subcommands: Array<{ name: string; description: string }>;
  flags: CompletionFlag[];
}

const HELP: CompletionFlag = { name: "--help", description: "show help", takesValue: false, choices: [] };

/**
 * Every command of a commander program, depth first, with its subcommands and flags (long and
 * short names, hidden ones left out) — the single source the completion scripts are made from.
 */
export function completionEntries(program: Command, path = ""): CompletionEntry[] {
  const visible = program.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  const flags: CompletionFlag[] = program.options
    .filter((o) => !o.hidden)
    .flatMap((o) =>
      [o.long, o.short]
        .filter((name): name is string => typeof name === "string")
        .map((name) => ({
          name,
          description: o.description,
          takesValue: o.required || o.optional,
          choices: o.argChoices ?? [],
        })),
    );
  const entry: CompletionEntry = {
    path,
    subcommands: visible.map((c) => ({ name: c.name(), description: c.description() })),
    flags: [...flags, HELP],
  };
  return [entry, ...visible.flatMap((c) => completionEntries(c, path ? `${path}/${c.name()}` : c.name()))];
}
