import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { test } from "node:test";
import { Command, Option } from "commander";
import { bashCompletion } from "./bash-completion.ts";
import { completionEntries } from "./command-tree.ts";
import { zshCompletion } from "./zsh-completion.ts";

function program(): Command {
  const p = new Command("fleetrun").version("1.0.0");
  p.command("send-command")
    .description("run it: don't wait")
    .requiredOption("--document-name <name>", "document")
    .option("--wait", "follow it")
    .addOption(new Option("--output <format>", "format").choices(["table", "json", "text"]));
  const docs = p.command("documents").description("documents");
  docs.command("list").option("--output <format>", "format");
  docs.command("get").option("--name <name>", "name");
  return p;
}

/** What bash completion offers for the words typed so far (the last one is being completed). */
function complete(words: string[]): string[] {
  const script = bashCompletion("fleetrun", completionEntries(program()));
  const driver = `${script}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}
_fleetrun; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["-c", driver], { encoding: "utf8" }).split("\n").filter(Boolean);
}

test("the tree lists every command with its flags, from the program itself", () => {
  const entries = completionEntries(program());
  assert.deepEqual(
    entries.map((e) => e.path),
    ["", "send-command", "documents", "documents/list", "documents/get"],
  );
  const send = entries.find((e) => e.path === "send-command");
  assert.deepEqual(
    send?.flags.map((f) => f.name),
    ["--document-name", "--wait", "--output", "--help"],
  );
  assert.deepEqual(send?.flags.find((f) => f.name === "--output")?.choices, ["table", "json", "text"]);
});

test("bash completion offers subcommands, then their flags, then an option's choices", () => {
  assert.deepEqual(complete(["fleetrun", ""]), ["send-command", "documents", "--version", "-V", "--help"]);
  assert.deepEqual(complete(["fleetrun", "doc"]), ["documents"]);
  assert.deepEqual(complete(["fleetrun", "documents", ""]), ["list", "get", "--help"]);
  assert.deepEqual(complete(["fleetrun", "send-command", "--w"]), ["--wait"]);
  assert.deepEqual(complete(["fleetrun", "send-command", "--wait", "--output", ""]), ["table", "json", "text"]);
  assert.deepEqual(complete(["fleetrun", "documents", "get", "--name", ""]), [], "a free value falls back to files");
});

test("the scripts are valid shell (bash -n; zsh -n where zsh is installed)", () => {
  const entries = completionEntries(program());
  const bash = spawnSync("bash", ["-n"], { input: bashCompletion("fleetrun", entries), encoding: "utf8" });
  assert.equal(bash.status, 0, bash.stderr);
  const zsh = spawnSync("zsh", ["-n"], { input: zshCompletion("fleetrun", entries), encoding: "utf8" });
  if (zsh.error) return;
  assert.equal(zsh.status, 0, zsh.stderr);
});

test("zsh completion describes each item and escapes quotes", () => {
  const script = zshCompletion("fleetrun", completionEntries(program()));
  assert.match(script, /\('send-command'\) items=\('--document-name:document' '--wait:follow it'/);
  assert.match(script, /'send-command:run it: don'\\''t wait'/);
  assert.match(script, /\('send-command:--output'\) compadd -- 'table' 'json' 'text'; return ;;/);
});

test("zsh completion offers the same things (run with stand-ins for the zsh completion builtins)", (t) => {
  const script = zshCompletion("fleetrun", completionEntries(program()));
  const offer = (words: string[]) => {
    const driver = `compdef() { :; }
_describe() { print -l -- "\${(@P)\${4}}"; }
compadd() { shift; print -l -- "$@"; }
_files() { print FILES; }
${script}
words=(${words.map((w) => `'${w}'`).join(" ")}); CURRENT=${words.length}; _fleetrun`;
    return spawnSync("zsh", ["-c", driver], { encoding: "utf8" });
  };
  const probe = offer(["fleetrun", ""]);
  if (probe.error) {
    t.skip("zsh is not installed");
    return;
  }
  assert.deepEqual(probe.stdout.trim().split("\n"), [
    "send-command:run it: don't wait",
    "documents:documents",
    "--version:output the version number",
    "-V:output the version number",
    "--help:show help",
  ]);
  assert.deepEqual(offer(["fleetrun", "documents", ""]).stdout.trim().split("\n"), [
    "list:",
    "get:",
    "--help:show help",
  ]);
  assert.deepEqual(offer(["fleetrun", "send-command", "--output", ""]).stdout.trim().split("\n"), [
    "table",
    "json",
    "text",
  ]);
  assert.equal(offer(["fleetrun", "documents", "get", "--name", ""]).stdout.trim(), "FILES");
});
