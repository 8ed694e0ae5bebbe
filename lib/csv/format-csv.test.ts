import { describe, expect, it } from "vitest";
import { formatCsvCell, formatCsvLine } from "@/lib/csv/format-csv";

describe("formatCsvCell", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\r", '"cr\r"'],
    ["", ""],
    ["ünïcode ✓", "ünïcode ✓"],
  ])("escapes %j", (input, expected) => {
    expect(formatCsvCell(input)).toBe(expected);
  });

  it("writes empty cells for null and undefined, numbers and booleans as text, dates as ISO", () => {
    expect([null, undefined, 42, false, new Date("2026-01-02T03:04:05.006Z")].map(formatCsvCell)).toEqual(["", "", "42", "false", "2026-01-02T03:04:05.006Z"]);
  });

  it.each([
    ["=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
  ])("defuses spreadsheet formulas in %j", (input, expected) => {
    expect(formatCsvCell(input)).toBe(expected);
  });

  it("leaves negative numbers alone: only text can be a formula", () => {
    expect(formatCsvCell(-2)).toBe("-2");
  });
});

describe("formatCsvLine", () => {
  it("joins cells with commas and ends the record with CRLF", () => {
    expect(formatCsvLine(["a", "b,c", null, 1])).toBe('a,"b,c",,1\r\n');
  });
});
