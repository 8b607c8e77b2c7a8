// How the wall writes numbers, units and times, in the page's language and the city's time zone.
import { city } from '../../city.js';
import { ABBREVIATE_FROM, PREFIX_UNITS, SCALES, UNITS, i18n } from './text.js';

export const locale = () => i18n.locale();
export const fmt = (v, digits) => new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(v);
export const abbreviated = v => v !== null && v !== undefined && Math.abs(v) >= ABBREVIATE_FROM;
/** A number as a tile shows it: in full below 10 000, else abbreviated (25,8 M; 25.8bn). */
export function number(v) {
  if (v === null || v === undefined) return '—';
  if (!abbreviated(v)) return fmt(v, 3); // the server rounded it (and kept what a threshold needs)
  const scales = SCALES[i18n.lang];
  for (let i = 0; i < scales.length; i++) {
    const [n, suffix] = scales[i];
    if (Math.abs(v) < n) continue;
    const q = v / n;
    const digits = Math.abs(q) < 100 ? 1 : 0;
    if (Math.abs(Number(q.toFixed(digits))) >= 1000 && i > 0) return fmt(v / scales[i - 1][0], 1) + scales[i - 1][1];
    return fmt(q, digits) + suffix;
  }
  return fmt(v, 3);
}
export const unitText = u => (u in (UNITS[i18n.lang] || {}) ? UNITS[i18n.lang][u] : (u in UNITS.en ? UNITS.en[u] : u || ''));
/** The exact figure with its unit: Rp 25.800.000.000, 1.964,7 kWh. */
export function exact(v, unit) {
  if (v === null || v === undefined) return '—';
  const u = unitText(unit);
  if (!u) return fmt(v, 3);
  return PREFIX_UNITS.has(unit) ? u + ' ' + fmt(v, 3) : fmt(v, 3) + ' ' + u;
}
export const time = d => d.toLocaleTimeString(locale(), { timeZone: city.timezone, hour12: false });
export const age = ms => i18n.ago(ms);
export const escape = s => String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
/** Sets an element's text; true when it changed. */
export function text(el, value) {
  if (el.textContent === value) return false;
  el.textContent = value;
  return true;
}
