import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { MAX_DOCUMENT_NESTING, nestedParameters } from "../../../protocol/document/document-references.ts";
import { type CommandDocument, parseDocument } from "../../../protocol/document/index.ts";
import { resolveStepPath } from "../downloads-directory.ts";
import type { Plugin, PluginContext } from "../plugin.ts";
import { pluginFailure } from "../plugin-results.ts";

/** Largest local document read (stored documents are at most 64 KB). */
const MAX_LOCAL_DOCUMENT_BYTES = 1024 * 1024;
const DOCUMENT_FILE = /\.(json|ya?ml)$/i;

/**
 * `aws:runDocument`: runs another Command document's steps as this step. `documentType`
 * SSMDocument names a stored document (`name` or `name:version`, attached to the invocation by
 * the server); LocalPath names a file on the node (relative paths under the command's downloads
 * directory; a directory must hold exactly one .json/.yaml/.yml file). `documentParameters`
 * (an object or JSON text) are checked against the nested document's definitions. Nesting
 * deeper than {@link MAX_DOCUMENT_NESTING} levels fails.
 */
export const runDocument: Plugin = async (inputs, ctx) => {
  const startedAt = new Date();
  const fail = (message: string) => pluginFailure(ctx, startedAt, message);
  if (ctx.depth >= MAX_DOCUMENT_NESTING) {
    return fail(`aws:runDocument can nest documents at most ${MAX_DOCUMENT_NESTING} levels deep`);
  }
  const path = inputs.documentPath;
  if (typeof path !== "string" || path === "") return fail("documentPath is required");
  let content: string;
  if (inputs.documentType === "SSMDocument") {
    const stored = ctx.documents[path];
    if (stored === undefined) return fail(`document ${path} was not found`);
    content = stored;
  } else if (inputs.documentType === "LocalPath") {
    const local = await readLocalDocument(path, ctx);
    if (!local.ok) return fail(local.message);
    content = local.content;
  } else {
    return fail(`documentType must be SSMDocument or LocalPath, not ${String(inputs.documentType)}`);
  }
  let doc: CommandDocument;
  let parameters: Record<string, unknown>;
  try {
    doc = parseDocument(content);
    parameters = nestedParameters(doc.parameters, inputs.documentParameters);
  } catch (error) {
    return fail(`document ${path} cannot run: ${(error as Error).message}`);
  }
  return ctx.runNested(doc, parameters);
};

type LocalDocument = { ok: true; content: string } | { ok: false; message: string };

async function readLocalDocument(path: string, ctx: PluginContext): Promise<LocalDocument> {
  const full = resolveStepPath(path, ctx.stateDir, ctx.commandId);
  if (full === undefined) return { ok: false, message: `documentPath ${path} leaves the downloads directory` };
  let file = full;
  try {
    if ((await stat(full)).isDirectory()) {
      const candidates = (await readdir(full)).filter((name) => DOCUMENT_FILE.test(name));
      if (candidates.length !== 1 || candidates[0] === undefined) {
        return { ok: false, message: `${full} must hold exactly one .json, .yaml or .yml document` };
      }
      file = join(full, candidates[0]);
    }
    if ((await stat(file)).size > MAX_LOCAL_DOCUMENT_BYTES) {
      return { ok: false, message: `${file} is larger than ${MAX_LOCAL_DOCUMENT_BYTES} bytes` };
    }
    return { ok: true, content: await readFile(file, "utf8") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { ok: false, message: `document ${full} was not found` };
    throw error;
  }
}
