// Whether a word on screen still reads left to right: a bidi override leaking out of a name before it
// would draw its letters right to left. Measured on the rendered glyphs, not on the DOM.
export function readsLeftToRight(root: Node, word: string): boolean {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent?.indexOf(word) ?? -1;
    if (at < 0) continue;
    const range = doc.createRange();
    const box = (i: number) => {
      range.setStart(node, at + i);
      range.setEnd(node, at + i + 1);
      return range.getBoundingClientRect();
    };
    const first = box(0);
    const last = box(word.length - 1);
    return first.top === last.top ? first.left < last.left : first.top < last.top;
  }
  throw new Error(`"${word}" is not on screen`);
}

export const RLO_NAME = 'Eve \u202E';
