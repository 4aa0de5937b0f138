import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTags } from "./tags.ts";

test("--tags: one Key=..,Value=.. per argument, or JSON; a missing Value is empty", () => {
  assert.deepEqual(parseTags(["Key=Env,Value=prod", "Key=Team"]), [
    { Key: "Env", Value: "prod" },
    { Key: "Team", Value: "" },
  ]);
  assert.deepEqual(parseTags(['[{"Key":"Role","Value":"web"}]']), [{ Key: "Role", Value: "web" }]);
  assert.throws(() => parseTags(["Value=prod"]), /--tags: every tag needs a Key/);
  assert.throws(() => parseTags(["Key=Env,Values=prod"]), /--tags: unknown key "Values"; valid keys are Key, Value/);
});
