// What the console's modules share: what it knows (the socket's alarms and tiles, the catalog's areas, the
// server's limits), how it writes times and numbers, its message line, and its calls to the API.
import { city } from '../../city.js';
import { RULES, i18n, t } from './text.js';

export const state = {
  alarms: new Map(), // every open alarm, by id (a string)
  tiles: new Map(),
  summary: null, // the newest alarmSummary
  areas: [],
  // Until GET /api/v1/alarms/settings answers: the built-in catalog's rules and the server's default limits.
  settings: { rules: Object.keys(RULES).map(id => ({ id })), maxShelveMinutes: 480, maxCommentLength: 2000, maxReasonLength: 500 },
  detailId: null, // the alarm whose detail is open, or null
  lastHistory: [] // the last history search's answer
};

export const $ = s => document.querySelector(s);
export const locale = () => i18n.locale();
export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const day = x => x.toLocaleDateString('en-CA', { timeZone: city.timezone });
  const clock = d.toLocaleTimeString(locale(), { timeZone: city.timezone, hour12: false });
  if (day(d) === day(new Date())) return clock;
  return d.toLocaleDateString(locale(), { timeZone: city.timezone, day: 'numeric', month: 'short' }) + ' ' + clock;
}
export function age(iso) {
  const ms = Date.now() - Date.parse(iso);
  return Math.max(0, Math.round(ms / 1000)) < 5 ? t('now') : i18n.ago(ms);
}
export const number = v => (v === null || v === undefined ? '—' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v));
export const areaName = slug => (slug ? ((state.areas.find(a => a.slug === slug) || {}).name || slug) : t('noArea'));
export const message = a => (a.message && (a.message[i18n.lang] || a.message.id)) || a.rule;
export function el(tag, cls, content) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (content !== undefined && content !== null) e.textContent = content;
  return e;
}
export function say(textValue, ok) {
  const m = $('#message');
  m.textContent = textValue || '';
  m.classList.toggle('ok', !!ok);
}

// The API: same-origin, the session cookie; refusals are RFC 9457 problem bodies (the error carries the status and the
// problem, for a caller that tells them apart).
export async function api(method, path, body) {
  let r;
  try {
    r = await fetch(path, {
      method, credentials: 'same-origin',
      headers: body !== undefined ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body !== undefined ? JSON.stringify(body) : undefined
    });
  } catch (e) {
    throw new Error(t('unreachable'));
  }
  const type = r.headers.get('Content-Type') || '';
  if (r.redirected || r.status === 401 || (r.ok && !type.includes('json') && r.status !== 204)) {
    // the sign-in page came back instead of an answer
    throw Object.assign(new Error(t('signedOut')), { status: r.status === 401 ? 401 : 0, signedOut: true });
  }
  if (!r.ok) {
    const problem = await r.json().catch(() => ({}));
    throw Object.assign(new Error(problem.detail || problem.title || `${r.status} ${r.statusText}`), { status: r.status, problem });
  }
  return r.status === 204 ? null : r.json();
}
