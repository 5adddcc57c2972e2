// GB 3838 classes as the API writes them (Roman numerals) and their colours in national water-quality maps.
import { html, type Html } from './html';
import { lang } from './i18n';

export const classes = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', '劣Ⅴ'] as const;

const colours: Record<string, string> = {
  'Ⅰ': '#CCFFFF', 'Ⅱ': '#00CCFF', 'Ⅲ': '#00FF00', 'Ⅳ': '#FFFF00', 'Ⅴ': '#FF9B00', '劣Ⅴ': '#FF0000',
};
const none = '#ABABAB';

export const classColour = (value: string | null): string => (value ? colours[value] ?? none : none);
export const classRank = (value: string | null): number => (value ? classes.indexOf(value as typeof classes[number]) + 1 : 0);
export const meetsTarget = (value: string | null, target: string): boolean | null =>
  value === null ? null : classRank(value) <= classRank(target);

export function classLabel(value: string | null): string {
  if (value === null) return '—';
  if (lang() === 'zh') return value + '类';
  return value === '劣Ⅴ' ? 'worse than Ⅴ' : 'Class ' + value;
}

/** A coloured badge with the class; the target decides whether it is marked as failing. */
export function classBadge(value: string | null, target?: string): Html {
  const fails = target !== undefined && meetsTarget(value, target) === false;
  return html`<span class="badge${fails ? ' fails' : ''}" style="background:${classColour(value)}" data-class="${value ?? ''}">${classLabel(value)}</span>`;
}
