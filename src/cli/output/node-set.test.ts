import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { foldNodeSet, foldNodeSetShort } from "./node-set.ts";

describe("foldNodeSet", () => {
  it("folds ids that differ in their trailing digits into ranges, keeping zero padding", () => {
    assert.equal(
      foldNodeSet(["mi-00000000000000003", "mi-00000000000000001", "mi-00000000000000002", "mi-00000000000000007"]),
      "mi-0000000000000000[1-3,7]",
    );
    assert.equal(foldNodeSet(["web1", "web2", "web3", "db", "web3"]), "db,web[1-3]");
    assert.equal(foldNodeSet(["web08", "web09", "web10"]), "web[08-10]");
  });

  it("leaves ids that differ before their trailing digits apart", () => {
    assert.equal(
      foldNodeSet(["mi-0abc0000000000001", "mi-0abd0000000000002"]),
      "mi-0abc0000000000001,mi-0abd0000000000002",
    );
  });

  it("shortens a long list to a count", () => {
    assert.equal(foldNodeSetShort(["a", "b", "c", "d"], 2), "a,b,… (+2 more)");
  });
});
