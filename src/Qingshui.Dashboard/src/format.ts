// Times are shown in China Standard Time whatever the browser's zone, as the stations report them.
import { lang, t } from './i18n';

const cst = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

export function time(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(Date.parse(iso) + cst);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function ago(iso: string | null): string {
  if (!iso) return t('never');
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  const [n, zhUnit, enUnit] = seconds < 60 ? [seconds, '秒', 's'] : seconds < 3600 ? [Math.floor(seconds / 60), '分钟', 'min']
    : seconds < 86400 ? [Math.floor(seconds / 3600), '小时', 'h'] : [Math.floor(seconds / 86400), '天', 'd'];
  return lang() === 'zh' ? `${n}${zhUnit}前` : `${n} ${enUnit} ago`;
}

export function money(amount: number): string {
  return amount.toLocaleString(lang() === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2 });
}

/** The current year in China Standard Time. */
export const thisYear = (): number => new Date(Date.now() + cst).getUTCFullYear();

/** A measured value with a fixed number of decimals (the parameter's own; three when unknown), or — for none. */
export const fixed = (value: number | null | undefined, decimals: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(decimals ?? 3);
