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
    expect([null, undefined, 42, false, new Date("2026-01-02T03:04:05.006Z")].map(formatCsvCell)).toEqual([
      "",
      "",
      "42",
      "false",
      "2026-01-02T03:04:05.006Z",
    ]);
  });

  // Defused: an apostrophe before the cell, which is then always quoted (its quotes doubled).
  it.each([
    '=HYPERLINK("http://evil")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tx",
    " =1+1",
    "\u00a0\u00a0=cmd|' /C calc'!A0",
    '"=2+3',
    "\n=1",
    "\u200b=1",
    "\uFF1D1+1",
    "|calc",
  ])("defuses spreadsheet formulas in %j", (input) => {
    expect(formatCsvCell(input)).toBe(`"'${input.replaceAll('"', '""')}"`);
  });

  it("defuses a formula with quotes as the apostrophe, the doubled quotes and the formula, quoted", () => {
    expect(formatCsvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
  });

  it("leaves text with a formula character later in the cell alone", () => {
    expect(formatCsvCell("a=b+c")).toBe("a=b+c");
    expect(formatCsvCell("alice@example.com")).toBe("alice@example.com");
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
