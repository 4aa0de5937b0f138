import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { notificationWanted } from "./notification-filter.ts";

const config = (events: string[], type = "Command", arn = "https://hooks.example/x") => ({
  NotificationArn: arn,
  NotificationEvents: events,
  NotificationType: type,
});

describe("NotificationEvents filtering", () => {
  it("notifies every notified status under All, and never Pending, Delayed or Cancelling", () => {
    for (const status of ["InProgress", "Success", "TimedOut", "Cancelled", "Failed"]) {
      assert.equal(notificationWanted(config(["All"]), "Command", status), true, status);
    }
    for (const status of ["Pending", "Delayed", "Cancelling"]) {
      assert.equal(notificationWanted(config(["All"]), "Command", status), false, status);
    }
  });

  it("notifies only the listed statuses", () => {
    const only = config(["Success", "Failed"]);
    assert.equal(notificationWanted(only, "Command", "Success"), true);
    assert.equal(notificationWanted(only, "Command", "Failed"), true);
    assert.equal(notificationWanted(only, "Command", "InProgress"), false);
    assert.equal(notificationWanted(only, "Command", "TimedOut"), false);
  });

  it("sends command messages for Command and node messages for Invocation", () => {
    assert.equal(notificationWanted(config(["All"], "Command"), "Invocation", "Success"), false);
    assert.equal(notificationWanted(config(["All"], "Invocation"), "Invocation", "Success"), true);
    assert.equal(notificationWanted(config(["All"], "Invocation"), "Command", "Success"), false);
  });

  it("defaults to All and Command, and notifies nothing without a NotificationArn", () => {
    assert.equal(notificationWanted(config([], ""), "Command", "Success"), true);
    assert.equal(notificationWanted(config([], ""), "Invocation", "Success"), false);
    assert.equal(notificationWanted(config(["All"], "Command", ""), "Command", "Success"), false);
  });
});
