// Offsets from the API are UTF-8 byte offsets into a document's text; a
// JavaScript string counts UTF-16 code units. byteIndex maps one to the
// other, and segments cuts a text into plain, evidence and trigger pieces
// that the views render as text nodes (never as HTML).

// byteIndex returns a function from a UTF-8 byte offset of text to the
// UTF-16 index of the same place. An offset inside a character maps to
// the start of the character after it; one past the end maps to
// text.length.
export function byteIndex(text: string): (byte: number) => number {
  const bytes: number[] = []; // bytes[i] is the byte offset of UTF-16 index i
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    bytes.push(b);
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      // a surrogate pair is one 4-byte character
      bytes.push(b);
      b += 4;
      i++;
    } else b += 3;
  }
  bytes.push(b);
  return (byte: number) => {
    if (byte <= 0) return 0;
    if (byte >= b) return text.length;
    let lo = 0, hi = bytes.length - 1; // first index whose byte offset >= byte
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bytes[mid] < byte) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export type Kind = "text" | "evidence" | "trigger";

export interface Segment {
  kind: Kind;
  text: string;
}

// triggerRanges finds the trigger words in sentence: the trigger is a
// slice of the text, or its words joined by " … " when they are far
// apart; each part is searched after the one before.
export function triggerRanges(sentence: string, trigger: string): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const part of trigger.split(" … ")) {
    if (!part) continue;
    let i = sentence.indexOf(part, from);
    if (i < 0) {
      // Case-blind search only where lower-casing keeps every index
      // (it does not for a few letters such as "İ").
      const low = sentence.toLowerCase(), lowPart = part.toLowerCase();
      if (low.length === sentence.length && lowPart.length === part.length) i = low.indexOf(lowPart, from);
    }
    if (i < 0) continue;
    out.push([i, i + part.length]);
    from = i + part.length;
  }
  return out;
}

// sentenceSegments cuts one sentence into text and trigger pieces.
export function sentenceSegments(sentence: string, trigger: string): Segment[] {
  const segs: Segment[] = [];
  let at = 0;
  for (const [s, e] of triggerRanges(sentence, trigger)) {
    if (s > at) segs.push({ kind: "evidence", text: sentence.slice(at, s) });
    segs.push({ kind: "trigger", text: sentence.slice(s, e) });
    at = e;
  }
  if (at < sentence.length) segs.push({ kind: "evidence", text: sentence.slice(at) });
  return segs;
}

// documentSegments cuts a document text around the evidence sentence at
// UTF-8 byte offsets [start, end), marking its trigger words.
export function documentSegments(text: string, start: number, end: number, trigger: string): { before: string; sentence: Segment[]; after: string } {
  const idx = byteIndex(text);
  const s = idx(start), e = Math.max(idx(end), s);
  return { before: text.slice(0, s), sentence: sentenceSegments(text.slice(s, e), trigger), after: text.slice(e) };
}
