// Bidi control characters in user-supplied text (a real name with U+202E) reorder whatever follows them.
// Plain text that cannot isolate a part of itself (notification titles and bodies, tooltips) drops them.

// ALM, LRM, RLM, the embeddings and overrides (LRE RLE PDF LRO RLO) and the isolates (LRI RLI FSI PDI).
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
