import { childPath, isPlainObject } from "./document-error.ts";
import type { CommandDocument } from "./types.ts";

/** Where one step of a parsed document sits in the document text, as message paths. */
export interface StepLocation {
  /** 2.x: `mainSteps[i]`; 1.2: `runtimeConfig["<plugin>"].properties[k]`. */
  path: string;
  /** 2.x: `mainSteps[i].inputs`; 1.2: the property itself. */
  inputsPath: string;
  /** 2.x: `mainSteps[i].settings`; 1.2: `runtimeConfig["<plugin>"].settings`. */
  settingsPath: string;
  /** Where the step's name comes from: 2.x `name`, 1.2 the property's `id`. */
  namePath: string;
  /** Where the step's plugin is named: 2.x `action`, 1.2 the `runtimeConfig` key. */
  actionPath: string;
  /** The step as written (2.x step object, 1.2 property object), when the decoded root was given. */
  raw?: Record<string, unknown>;
}

/**
 * The location of each of `doc.steps`, in the same order. With the decoded `root`, schema 1.2
 * paths follow what was written (a single property object has no index) and `raw` is filled in;
 * without it, 1.2 properties are assumed to be lists (as AWS writes them).
 */
export function stepLocations(doc: CommandDocument, root?: Record<string, unknown>): StepLocation[] {
  if (!doc.schemaVersion.startsWith("1.")) {
    const raw = Array.isArray(root?.mainSteps) ? root.mainSteps : [];
    return doc.steps.map((_, index) => {
      const path = childPath("mainSteps", index);
      const location: StepLocation = {
        path,
        inputsPath: childPath(path, "inputs"),
        settingsPath: childPath(path, "settings"),
        namePath: childPath(path, "name"),
        actionPath: childPath(path, "action"),
      };
      const step: unknown = raw[index];
      if (isPlainObject(step)) location.raw = step;
      return location;
    });
  }
  const runtimeConfig = isPlainObject(root?.runtimeConfig) ? root.runtimeConfig : {};
  const seen = new Map<string, number>();
  return doc.steps.map((step) => {
    const pluginPath = childPath("runtimeConfig", step.action);
    const index = seen.get(step.action) ?? 0;
    seen.set(step.action, index + 1);
    const config = runtimeConfig[step.action];
    const properties = isPlainObject(config) ? config.properties : undefined;
    const single = root !== undefined && !Array.isArray(properties);
    const path = single ? childPath(pluginPath, "properties") : childPath(childPath(pluginPath, "properties"), index);
    const location: StepLocation = {
      path,
      inputsPath: path,
      settingsPath: childPath(pluginPath, "settings"),
      namePath: childPath(path, "id"),
      actionPath: pluginPath,
    };
    const raw: unknown = single ? properties : Array.isArray(properties) ? properties[index] : undefined;
    if (isPlainObject(raw)) location.raw = raw;
    return location;
  });
}
