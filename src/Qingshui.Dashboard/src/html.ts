// Markup that escapes by default: every value interpolated into html`…` is text (station flags, codes, MNs, packet text and
// names from basin and agreement files are all untrusted) unless it is itself a template or an explicit raw().

// Held only by this module: no other code can construct Html, so the one innerHTML below only ever receives markup
// that html`…` escaped (or an explicit raw()).
const made = Symbol('html');

/** Markup built by html`…` (or the rare raw()); has no toString, so concatenating it into a string shows as a bug. */
export class Html {
  constructor(key: typeof made, readonly markup: string) {
    if (key !== made) throw new TypeError('Html is made only by html`…` or raw()');
  }
}

/** What may be interpolated: text, numbers, nested templates and lists of them; null, undefined and false draw nothing. */
export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text made safe for element content and quoted attribute values. */
export const escapeText = (text: string): string => text.replace(/[&<>"'`]/g, c => entities[c]!);

function piece(value: Part): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return (value as readonly Part[]).map(piece).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeText(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let markup = strings[0]!;
  for (let i = 0; i < values.length; i++) markup += piece(values[i]) + strings[i + 1]!;
  return new Html(made, markup);
}

/** Markup written in this code base, never data: the explicit opt-out of escaping. */
export const raw = (trusted: string): Html => new Html(made, trusted);

/** Replaces an element's content with a template: the one way views set markup, and the one innerHTML in the dashboard. */
export function render(element: Element, template: Html): void {
  if (!(template instanceof Html)) throw new TypeError('render takes html`…`, never a string');
  element.innerHTML = template.markup;
}
