import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IamError } from "../../core/identity/iam-error.ts";
import { encodeError, encodeResult, escapeXml, isoTime } from "./xml-response.ts";

const NS = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"';

describe("IAM XML responses", () => {
  it("wraps a result in <OpResponse><OpResult> with the request id in ResponseMetadata", () => {
    const xml = encodeResult(
      "CreateUser",
      {
        User: { Path: "/", UserName: "bob", Tags: undefined, CreateDate: isoTime(Date.UTC(2024, 0, 2, 3, 4, 5, 678)) },
      },
      "req-1",
    );
    assert.equal(
      xml,
      `<CreateUserResponse ${NS}><CreateUserResult><User><Path>/</Path><UserName>bob</UserName>` +
        "<CreateDate>2024-01-02T03:04:05Z</CreateDate></User></CreateUserResult>" +
        "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></CreateUserResponse>",
    );
  });

  it("encodes lists as <member> elements, booleans and numbers as text, and omits Result without output", () => {
    assert.equal(
      encodeResult("ListUserPolicies", { PolicyNames: ["a", "b"], IsTruncated: false, Count: 2 }, "r"),
      `<ListUserPoliciesResponse ${NS}><ListUserPoliciesResult><PolicyNames><member>a</member><member>b</member>` +
        "</PolicyNames><IsTruncated>false</IsTruncated><Count>2</Count></ListUserPoliciesResult>" +
        "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUserPoliciesResponse>",
    );
    assert.equal(
      encodeResult("DeleteUser", undefined, "r"),
      `<DeleteUserResponse ${NS}><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>`,
    );
  });

  it("writes errors as ErrorResponse with Sender or Receiver type", () => {
    assert.equal(
      encodeError(new IamError("NoSuchEntity", "The user with name x cannot be found."), "r"),
      `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
        "<Message>The user with name x cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>",
    );
    assert.match(encodeError(new IamError("ServiceFailure", "x"), "r"), /<Type>Receiver<\/Type>/);
  });

  it("escapes markup and replaces characters XML cannot carry", () => {
    assert.equal(escapeXml(`<a href="x">&'</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    assert.equal(escapeXml("a\u0001b\tc\n\ud800"), "a\ufffdb\tc\n\ufffd");
  });
});
