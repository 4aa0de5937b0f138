import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { test } from "node:test";

/**
 * The layering rules of ARCHITECTURE.md §3, enforced: imports only point downward, core does no
 * I/O, and the agent ships alone (it imports protocol/ only).
 */
const SRC = resolve(import.meta.dirname, "../src");

/** Which top-level folders each folder may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  protocol: [],
  core: ["protocol"],
  store: ["core", "protocol"],
  bus: ["core", "protocol"],
  outputs: ["core", "protocol"],
  server: ["core", "protocol", "store", "bus", "outputs"],
  agent: ["protocol"],
  cli: ["agent", "server", "core", "protocol", "store", "bus", "outputs"],
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");
}

test("imports only point downward between src/ folders", () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const layer = relative(SRC, file).split("/")[0] ?? "";
    for (const spec of imports(file)) {
      if (!spec.startsWith(".")) continue;
      const target = relative(SRC, resolve(file, "..", spec)).split("/")[0] ?? "";
      // Tests wire real parts together (a core test may use the real SQLite store).
      if (file.endsWith(".test.ts")) continue;
      if (target !== layer && !(ALLOWED[layer] ?? []).includes(target))
        violations.push(`${relative(SRC, file)} imports ${spec}`);
    }
  }
  assert.deepEqual(violations, []);
});

test("core does no I/O: no node:* modules, SQL, HTTP or sockets", () => {
  const forbidden = /^(node:|fs$|net$|http|kysely|pg$|better-sqlite3|ws$|fastify|nats)/;
  const violations = files(join(SRC, "core"))
    .filter((f) => !f.endsWith(".test.ts"))
    .flatMap((f) =>
      imports(f)
        .filter((s) => forbidden.test(s))
        .map((s) => `${relative(SRC, f)} imports ${s}`),
    );
  assert.deepEqual(violations, []);
});
