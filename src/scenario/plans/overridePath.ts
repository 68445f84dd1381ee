/**
 * The paths of plan overrides: `callerTypes[buyer].patience.mean` names a setting, a list
 * entry by index (`[0]`) or by its id (`[pre-sale]`).
 */

/** One step of an override path: a setting name, a list index (`[0]`) or a list entry's id (`[pre-sale]`). */
export type OverrideSegment =
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'id'; readonly id: string };

const OVERRIDE_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OVERRIDE_SELECTOR = /^\[\s*([^\]]*?)\s*\]/;
export const OVERRIDE_PATH_HINT =
  'write a dotted path such as agents.count, callerTypes[0].share or problemTypes[pre-sale].handleTime.mean (list entries by index [0] or by id [pre-sale])';

/**
 * `callerTypes[buyer].patience.mean` → segments. Names are settings; `[n]` selects a list
 * entry by index, `[id]` by its `id`. Returns what is wrong with the text otherwise.
 */
export function parseOverridePath(text: string): { segments: OverrideSegment[] } | { problem: string } {
  const segments: OverrideSegment[] = [];
  const first = OVERRIDE_NAME.exec(text);
  if (!first) return { problem: text.trim() === '' ? 'is empty' : 'does not start with the name of a setting' };
  segments.push({ kind: 'key', name: first[0] });
  let position = first[0].length;
  while (position < text.length) {
    const character = text[position]!;
    const rest = text.slice(position);
    if (character === '.') {
      const name = OVERRIDE_NAME.exec(rest.slice(1));
      if (!name) return { problem: `has no setting name after the dot at character ${position + 1}` };
      segments.push({ kind: 'key', name: name[0] });
      position += 1 + name[0].length;
    } else if (character === '[') {
      const selector = OVERRIDE_SELECTOR.exec(rest);
      if (!selector) return { problem: `opens a [ at character ${position + 1} that is never closed` };
      const inner = selector[1]!;
      if (/^\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(inner)) segments.push({ kind: 'id', id: inner });
      else return { problem: `has ${JSON.stringify(`[${inner}]`)} at character ${position + 1}, which is neither an index such as [0] nor an id such as [pre-sale]` };
      position += selector[0].length;
    } else {
      return { problem: `has an unexpected ${JSON.stringify(character)} at character ${position + 1}` };
    }
  }
  return { segments };
}

/** Segments → the text of the path, e.g. `problemTypes[sale].handleTime.mean`. */
export function formatOverridePath(segments: readonly OverrideSegment[]): string {
  return segments
    .map((segment, i) =>
      segment.kind === 'key' ? (i === 0 ? segment.name : `.${segment.name}`) : segment.kind === 'index' ? `[${segment.index}]` : `[${segment.id}]`,
    )
    .join('');
}
