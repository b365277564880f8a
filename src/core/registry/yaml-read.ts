// YAML to plain data for the registry, in one linear walk of the parsed document. The yaml library's
// own toJS() finds each alias's anchor by searching the whole document (quadratic with many anchors)
// and bounds alias uses, not what they expand to: a 720 KB list referenced 989 times passes its
// limit and expands to gigabytes. Here anchors are a map, an alias shares its anchor's value, and
// the nodes the document stands for (each alias counted as everything it repeats) are bounded.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { RegistryProblem } from './errors';

/**
 * Nodes a registry may expand to: ten times the 5,000-component benchmark registry (about 90,000
 * nodes). Validation walks every expanded node, so this bounds its time and memory too.
 */
export const MAX_EXPANDED_NODES = 1_000_000;

export const NESTED_TOO_DEEPLY = 'the document is nested too deeply to read';
export const NESTED_HINT = 'A registry is only a few levels deep: lists of people, teams and components';

export type YamlRead = { ok: true; value: unknown } | { ok: false; problems: RegistryProblem[] };

class Refusal extends Error {
  constructor(readonly problem: RegistryProblem) {
    super(problem.message);
  }
}

export function yamlToData(doc: Document.Parsed, lines: LineCounter): YamlRead {
  // Expanded size of each anchored value, so an alias costs its anchor's whole subtree.
  const anchors = new Map<string, { value: unknown; size: number }>();
  let total = 0;
  const at = (node: Node | null | undefined): { line?: number; column?: number } => {
    if (!node?.range) return {};
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  const count = (size: number, node: Node): void => {
    total += size;
    if (total > MAX_EXPANDED_NODES) {
      throw new Refusal({
        message: `the document expands to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} values (aliases repeat what their anchors hold)`,
        hint: 'Write the repeated parts out, or use fewer aliases to large anchors',
        ...at(node),
      });
    }
  };

  // Returns the value and the number of nodes it stands for.
  const convert = (node: unknown): { value: unknown; size: number } => {
    if (node === null || node === undefined) return { value: null, size: 1 };
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) {
        throw new Refusal({
          message: `the alias *${node.source} has no anchor &${node.source} before it`,
          ...at(node),
        });
      }
      count(target.size, node);
      return target;
    }
    let result: { value: unknown; size: number };
    if (isScalar(node)) {
      count(1, node);
      result = { value: node.value, size: 1 };
    } else if (isSeq(node)) {
      count(1, node);
      const list: unknown[] = [];
      let size = 1;
      for (const item of node.items) {
        const child = convert(item);
        list.push(child.value);
        size += child.size;
      }
      result = { value: list, size };
    } else if (isMap(node)) {
      count(1, node);
      const object: Record<string, unknown> = {};
      const seen = new Set<string>();
      let size = 1;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key;
        if (!isScalar(keyNode) && keyNode !== null) {
          throw new Refusal({ message: 'a key is not a plain value', ...at(keyNode as Node) });
        }
        const key = keyNode === null ? '' : String(keyNode.value);
        if (seen.has(key)) {
          throw new Refusal({
            message: `the key "${key.slice(0, 80)}" appears twice in the same mapping`,
            hint: 'Keep one of them',
            ...at(keyNode as Node),
          });
        }
        seen.add(key);
        const child = convert(pair.value);
        // Defined like this, a key named "__proto__" stays plain data.
        Object.defineProperty(object, key, {
          value: child.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        size += child.size;
      }
      result = { value: object, size };
    } else {
      throw new Refusal({ message: 'a YAML node Steward cannot read', ...at(node as Node) });
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, result);
    return result;
  };

  try {
    return { ok: true, value: convert(doc.contents).value };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problems: [error.problem] };
    // A document nested thousands deep overflows the stack: refuse it rather than crash.
    if (error instanceof RangeError) {
      return { ok: false, problems: [{ message: NESTED_TOO_DEEPLY, hint: NESTED_HINT }] };
    }
    throw error;
  }
}
