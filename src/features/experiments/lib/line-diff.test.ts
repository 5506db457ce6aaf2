import { diffLines, diffStats } from "./line-diff";

const kinds = (before: string, after: string) =>
  diffLines(before, after).map((line) => `${line.kind[0]} ${line.text}`);

describe("diffLines", () => {
  it("keeps identical texts as unchanged lines with both line numbers", () => {
    expect(diffLines("a\nb", "a\nb")).toEqual([
      { kind: "same", text: "a", oldNumber: 1, newNumber: 1 },
      { kind: "same", text: "b", oldNumber: 2, newNumber: 2 },
    ]);
  });

  it("marks an inserted line as added, numbered in the new text only", () => {
    expect(diffLines("a\nc", "a\nb\nc")).toEqual([
      { kind: "same", text: "a", oldNumber: 1, newNumber: 1 },
      { kind: "added", text: "b", newNumber: 2 },
      { kind: "same", text: "c", oldNumber: 2, newNumber: 3 },
    ]);
  });

  it("marks a deleted line as removed, numbered in the old text only", () => {
    expect(diffLines("a\nb\nc", "a\nc")).toEqual([
      { kind: "same", text: "a", oldNumber: 1, newNumber: 1 },
      { kind: "removed", text: "b", oldNumber: 2 },
      { kind: "same", text: "c", oldNumber: 3, newNumber: 2 },
    ]);
  });

  it("shows a changed line as the old one removed, then the new one added", () => {
    expect(kinds("Greet the visitor.\nAsk one question.", "Greet Ann.\nAsk one question.")).toEqual(
      ["r Greet the visitor.", "a Greet Ann.", "s Ask one question."],
    );
  });

  it("finds the longest common subsequence, not just a common prefix", () => {
    expect(kinds("x\na\nb\nc", "a\nb\ny\nc")).toEqual(["r x", "s a", "s b", "a y", "s c"]);
  });

  it("treats an empty text as no lines", () => {
    expect(kinds("", "one\ntwo")).toEqual(["a one", "a two"]);
    expect(kinds("one", "")).toEqual(["r one"]);
    expect(diffLines("", "")).toEqual([]);
  });

  it("ignores the difference between Windows and Unix line endings", () => {
    expect(kinds("a\r\nb", "a\nb")).toEqual(["s a", "s b"]);
  });

  it("counts added and removed lines", () => {
    expect(diffStats(diffLines("a\nb\nc", "a\nB\nc\nd"))).toEqual({ added: 2, removed: 1 });
  });
});
