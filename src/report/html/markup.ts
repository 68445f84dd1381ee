/**
 * Safe HTML/SVG markup: the `html` tag escapes every interpolated value unless it is
 * already markup, so user text (scenario, plan and trainee names, descriptions) can never
 * open a tag or an attribute. Pure: strings in, a string out.
 */

/** Markup that is already safe (built by `html` or `raw`). */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Escapes text for an HTML text node or a quoted attribute (both `"` and `'`). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Trusted markup written by callfloor itself (CSS, fixed strings); never user text. */
export function raw(text: string): Markup {
  return new Markup(text);
}

/** A value that may appear inside `html`: text and numbers are escaped, markup kept, nothing for null/false. */
export type Interpolation = Markup | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') return escapeHtml(Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0');
  return escapeHtml(String(value));
}

/** Template tag: `html\`<p>${name}</p>\`` with `name` escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += render(value) + strings[index + 1]!;
  });
  return new Markup(text);
}
