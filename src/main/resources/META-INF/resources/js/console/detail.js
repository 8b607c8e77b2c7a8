// One alarm's detail, beside the tables: its fields, its events, its tile's recent values, its place, who was told of it
// (js/console/notifications.js).
import { city } from '../../city.js';
import { EVENTS, RULES, STATES, i18n, t, word } from './text.js';
import { $, age, api, areaName, el, locale, message, number, say, state, when } from './common.js';
import { actions, flags, severityChip } from './actions.js';
import { refreshNotifications } from './notifications.js';

const HISTORY_HOURS = 6;
const NS = 'http://www.w3.org/2000/svg';
let tileHistory = null; // GET /api/v1/tiles/history, read again when older than 30 s
let tileHistoryAt = 0;
let detailTimer = null;

/** The open detail's alarm changed on the socket: read it again, once for a burst of changes. */
export function detailChanged() {
  clearTimeout(detailTimer);
  detailTimer = setTimeout(refreshDetail, 250);
}

export async function openDetail(id) {
  state.detailId = id;
  $('#detail').hidden = false;
  document.body.classList.add('with-detail');
  document.querySelectorAll('#alarms tbody tr').forEach(r => r.classList.toggle('selected', r.dataset.alarmId === String(id)));
  await refreshDetail();
}

export async function refreshDetail() {
  const id = state.detailId;
  if (id === null) return;
  refreshNotifications(); // beside the alarm, its own errors shown in its own place
  try {
    const [a, history] = await Promise.all([api('GET', `/api/v1/alarms/${encodeURIComponent(id)}`), recentValues()]);
    if (state.detailId !== id) return;
    renderDetail(a, history);
  } catch (e) {
    say(e.message);
  }
}

async function recentValues() {
  if (!tileHistory || Date.now() - tileHistoryAt > 30000) {
    tileHistory = await fetch(`/api/v1/tiles/history?hours=${HISTORY_HOURS}`, { credentials: 'same-origin' })
      .then(r => r.json()).catch(() => ({}));
    tileHistoryAt = Date.now();
  }
  return tileHistory;
}

function renderDetail(a, history) {
  const panel = $('#detail');
  panel.dataset.alarmId = a.id;
  panel.dataset.state = a.state;
  const title = $('#d-title');
  title.replaceChildren(severityChip(a.severity), el('span', null, ` #${a.id} · ${message(a)}`));
  $('#d-actions').replaceChildren(el('span', 'state-label', word(STATES, a.state)), actions(a), flags(a, 'div'));
  const fields = [
    [t('fRuleF'), `${word(RULES, a.rule)} (${a.rule})`], [t('fSource'), a.source], [t('fTile'), a.tile],
    [t('thArea'), areaName(a.area)], [t('fValue'), a.value === null || a.value === undefined ? '' : `${number(a.value)} ${a.unit || ''}`],
    [t('fRaised'), `${when(a.raisedAt)} (${age(a.raisedAt)})`],
    [t('fAcked'), a.acknowledgedAt ? `${when(a.acknowledgedAt)} · ${a.acknowledgedBy || ''}` : ''],
    [t('fCleared'), when(a.clearedAt)], [t('fClosed'), when(a.closedAt)],
    [t('fShelved'), a.shelvedUntil ? `${t('shelvedUntil').replace('{time}', when(a.shelvedUntil))} · ${a.shelvedBy || ''} · ${a.shelveReason || ''}` : ''],
    [t('fEscalated'), when(a.escalatedAt)], [t('fActivations'), String(a.activations ?? '')]
  ].filter(([, v]) => v);
  $('#d-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
  $('#d-events tbody').replaceChildren(...(a.events || []).map(e => {
    const row = document.createElement('tr');
    row.dataset.kind = e.kind;
    [when(e.time), word(EVENTS, e.kind), e.actor || '', e.comment || '', e.severity ?? '', e.value === undefined || e.value === null ? '' : number(e.value)]
      .forEach(v => row.appendChild(el('td', null, String(v))));
    return row;
  }));
  chart(a, history);
  place(a);
}

/** The tile's recent values as a line, with its levels or thresholds and the moment the alarm was raised. */
function chart(a, history) {
  const svg = $('#d-chart');
  svg.replaceChildren();
  const tile = state.tiles.get(a.tile) || [...state.tiles.values()].find(x => x.source === a.source && x.kind !== 'worst');
  const points = ((history && tile && history[tile.id]) || []).filter(p => p[1] !== null).map(p => [Number(p[0]), Number(p[1])]);
  if (tile && tile.value !== null && tile.updatedAt && (!points.length || Date.parse(tile.updatedAt) > points[points.length - 1][0])) {
    points.push([Date.parse(tile.updatedAt), Number(tile.value)]);
  }
  const add = (tag, attrs, content) => {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (content !== undefined) e.textContent = content;
    svg.appendChild(e);
    return e;
  };
  if (points.length < 1) {
    add('text', { x: 300, y: 100, class: 'none', 'text-anchor': 'middle' }, t('noValues'));
    return;
  }
  const W = 600, H = 200, L = 56, R = 10, T = 10, B = 26;
  const lines = [];
  if (tile.levels) lines.push(['Waspada', tile.levels.waspada, 2], ['Siaga', tile.levels.siaga, 3], ['Awas', tile.levels.awas, 4]);
  if (tile.thresholds) lines.push(['warning', tile.thresholds.warning, 2], ['critical', tile.thresholds.critical, 4]);
  const x0 = Math.min(points[0][0], Date.now() - HISTORY_HOURS * 3600e3);
  const x1 = Date.now();
  const values = points.map(p => p[1]);
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  lines.forEach(([, v]) => { if (v <= y1 * 1.25 + 1 && v >= y0 * 0.75 - 1) { y0 = Math.min(y0, v); y1 = Math.max(y1, v); } });
  if (y1 - y0 < 1e-9) { y0 -= 1; y1 += 1; }
  const padY = (y1 - y0) * 0.08;
  y0 -= padY;
  y1 += padY;
  const X = ms => L + (ms - x0) / (x1 - x0) * (W - L - R);
  const Y = v => T + (1 - (v - y0) / (y1 - y0)) * (H - T - B);
  add('rect', { x: L, y: T, width: W - L - R, height: H - T - B, class: 'frame' });
  for (const v of [y0 + padY, (y0 + y1) / 2, y1 - padY]) {
    add('text', { x: L - 6, y: Y(v) + 4, class: 'axis', 'text-anchor': 'end' }, number(v));
  }
  for (const [ms, anchor] of [[x0, 'start'], [(x0 + x1) / 2, 'middle'], [x1, 'end']]) {
    add('text', { x: X(ms), y: H - 8, class: 'axis', 'text-anchor': anchor },
      new Date(ms).toLocaleTimeString(locale(), { timeZone: city.timezone, hour: '2-digit', minute: '2-digit', hour12: false }));
  }
  for (const [label, v, sev] of lines) {
    if (v < y0 || v > y1) continue;
    add('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: 'level sev-' + sev });
    add('text', { x: W - R - 4, y: Y(v) - 4, class: 'level-label sev-' + sev, 'text-anchor': 'end' }, `${label} ${number(v)}`);
  }
  const raised = Date.parse(a.raisedAt);
  if (raised >= x0) {
    add('line', { x1: X(raised), x2: X(raised), y1: T, y2: H - B, class: 'raised' });
  }
  add('polyline', { points: points.map(p => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(' '), class: 'series' });
  const last = points[points.length - 1];
  add('circle', { cx: X(last[0]), cy: Y(last[1]), r: 4, class: 'last sev-' + a.severity });
  svg.dataset.points = points.length;
  svg.setAttribute('aria-label', `${(tile.title && (tile.title[i18n.lang] || tile.title.id)) || tile.id}: ${points.length}`);
}

/** The kelurahan as dots, the alarm's own marked and named. */
function place(a) {
  const svg = $('#d-map');
  svg.replaceChildren();
  if (!state.areas.length) return;
  const W = 300, H = 260, P = 24;
  const lats = state.areas.map(x => x.lat);
  const lons = state.areas.map(x => x.lon);
  const [la0, la1, lo0, lo1] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const s = Math.min((W - 2 * P) / (lo1 - lo0 || 1), (H - 2 * P) / (la1 - la0 || 1));
  const X = lon => P + (lon - lo0) * s;
  const Y = lat => H - P - (lat - la0) * s;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const add = (tag, attrs, content) => {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
    if (content !== undefined) e.textContent = content;
    svg.appendChild(e);
    return e;
  };
  // The other open alarms' kelurahan, lightly, by their worst severity: the operator sees what is near.
  const worst = new Map();
  state.alarms.forEach(x => {
    if (x.area && x.state !== 'shelved' && x.state !== 'out-of-service') worst.set(x.area, Math.max(worst.get(x.area) || 0, x.severity));
  });
  for (const ar of state.areas) {
    const mine = ar.slug === a.area;
    const g = add('g', { class: 'area' + (mine ? ' mine sev-' + a.severity : worst.has(ar.slug) ? ' other sev-' + worst.get(ar.slug) : ''),
      'data-area': ar.slug });
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', X(ar.lon));
    c.setAttribute('cy', Y(ar.lat));
    c.setAttribute('r', mine ? 11 : 5);
    const tip = document.createElementNS(NS, 'title');
    tip.textContent = ar.name;
    c.appendChild(tip);
    g.appendChild(c);
  }
  const mine = state.areas.find(ar => ar.slug === a.area);
  if (mine) {
    const x = X(mine.lon);
    add('text', { x: x > W / 2 ? x - 16 : x + 16, y: Y(mine.lat) + 5, class: 'label', 'text-anchor': x > W / 2 ? 'end' : 'start' }, mine.name);
  }
}

$('#d-close').addEventListener('click', () => {
  state.detailId = null;
  $('#detail').hidden = true;
  document.body.classList.remove('with-detail');
  document.querySelectorAll('#alarms tbody tr.selected').forEach(r => r.classList.remove('selected'));
});
