import { describe, expect, it } from "vitest";
import {
  currentUptime,
  formatAgo,
  formatTimestamp,
  formatUptime,
  shortEventType,
  shortId,
} from "@/lib/format";

describe("formatUptime", () => {
  it.each([
    [0, "0s"],
    [45, "45s"],
    [65, "1m 05s"],
    [3_600 + 7 * 60, "1h 07m"],
    [5 * 86_400 + 4 * 3_600 + 59, "5d 4h"],
    [-3, "0s"],
  ])("%i s → %s", (seconds, expected) => {
    expect(formatUptime(seconds)).toBe(expected);
  });
});

describe("currentUptime", () => {
  it("keeps counting from the last report", () => {
    const reportedAt = "2026-11-29T10:00:00Z";
    expect(currentUptime(100, reportedAt, Date.parse(reportedAt) + 30_000)).toBe(130);
  });
  it("never goes backwards when the browser clock is behind", () => {
    const reportedAt = "2026-11-29T10:00:00Z";
    expect(currentUptime(100, reportedAt, Date.parse(reportedAt) - 5_000)).toBe(100);
  });
  it("falls back to the reported value when the timestamp is unreadable", () => {
    expect(currentUptime(100, "not a date", 0)).toBe(100);
  });
});

describe("formatAgo", () => {
  const now = Date.parse("2026-11-29T10:00:00Z");
  it.each([
    ["2026-11-29T10:00:00Z", "just now"],
    ["2026-11-29T09:59:48Z", "12s ago"],
    ["2026-11-29T09:56:00Z", "4m ago"],
    ["2026-11-29T07:00:00Z", "3h ago"],
    ["2026-11-27T10:00:00Z", "2d ago"],
    ["garbage", "unknown"],
  ])("%s → %s", (iso, expected) => {
    expect(formatAgo(iso, now)).toBe(expected);
  });
});

describe("identifiers", () => {
  it("shortens a 56-char host key to its ends", () => {
    const id = "NACJVB2MYHOZYQVPMD2EWJNT47BXFJQ7JU6HZX6T3OW23NUKTGCNXSSY";
    expect(shortId(id)).toBe("NACJVB…XSSY");
  });
  it("drops the CloudEvent type prefix", () => {
    expect(shortEventType("com.wasmcloud.lattice.component_scaled")).toBe("component_scaled");
    expect(shortEventType("component_scaled")).toBe("component_scaled");
  });
  it("prints timestamps in UTC", () => {
    expect(formatTimestamp("2026-11-29T10:00:00.123Z")).toBe("2026-11-29 10:00:00 UTC");
  });
});
