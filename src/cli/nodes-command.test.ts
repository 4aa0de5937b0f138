import assert from "node:assert/strict";
import { test } from "node:test";
import { matchesTags, parseTagSelector } from "./nodes-command.ts";

test("--tag Key=Value needs that value, --tag Key any value, and several must all match", () => {
  const tags = [
    { Key: "Role", Value: "web" },
    { Key: "Env", Value: "prod=eu" },
  ];
  assert.deepEqual(parseTagSelector("Env=prod=eu"), { key: "Env", value: "prod=eu" });
  assert.equal(matchesTags(tags, [parseTagSelector("Role=web")]), true);
  assert.equal(matchesTags(tags, [parseTagSelector("Role=db")]), false);
  assert.equal(matchesTags(tags, [parseTagSelector("Env")]), true);
  assert.equal(matchesTags(tags, [parseTagSelector("Role=web"), parseTagSelector("Env=prod=eu")]), true);
  assert.equal(matchesTags(tags, [parseTagSelector("Role=web"), parseTagSelector("Team")]), false);
  assert.equal(matchesTags(tags, []), true);
});
