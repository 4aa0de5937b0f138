import assert from "node:assert/strict";
import { test } from "node:test";
import { formatTable, tableTime } from "./table.ts";

test("columns line up under upper-case headers and cells stay on one line", () => {
  const rows = [
    { id: "mi-0123456789abcdef0", status: "Success", out: "hello" },
    { id: "mi-1", status: "Failed", out: "line one\nline two" },
  ];
  const text = formatTable(
    [
      { header: "Instance", value: (r) => r.id },
      { header: "Status", value: (r) => r.status },
      { header: "Output", value: (r) => r.out },
    ],
    rows,
  );
  assert.equal(
    text,
    [
      "INSTANCE              STATUS   OUTPUT",
      "mi-0123456789abcdef0  Success  hello",
      "mi-1                  Failed   line one line two",
      "",
    ].join("\n"),
  );
});

test("an empty table is its header; missing values are blank", () => {
  assert.equal(formatTable([{ header: "a", value: () => undefined }], []), "A\n");
  assert.equal(
    formatTable(
      [
        { header: "a", value: () => undefined },
        { header: "b", value: () => 7 },
      ],
      [{}],
    ),
    "A  B\n   7\n",
  );
});

test("table times are UTC to the second", () => {
  assert.equal(tableTime(new Date("2024-07-07T10:00:00.250Z")), "2024-07-07T10:00:00Z");
  assert.equal(tableTime(undefined), "");
});
