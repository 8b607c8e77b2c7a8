// The walls tab: the connected wall pages, GET /api/v1/walls every few seconds (each page reports what it rendered:
// docs/wall-protocol.md); a frozen one first, in red, and counted on the tab.
import { t } from './text.js';
import { $, age, api, el, locale, when } from './common.js';

const WALLS_EVERY_MS = 5000;
let walls = null; // the last answer, or null before the first
let wallsAt = null;
let wallsError = null;

export async function refreshWalls() {
  try {
    walls = await api('GET', '/api/v1/walls');
    wallsAt = new Date();
    wallsError = null;
  } catch (e) {
    wallsError = e.message;
  }
  renderWalls();
}

function browserOf(ua) {
  const m = (ua || '').match(/(HeadlessChrome|Edg|OPR|Firefox|Chrome|Safari)\/(\d+)/);
  return m ? `${m[1] === 'Edg' ? 'Edge' : m[1]} ${m[2]}` : (ua || '—');
}

const WALL_STATES = { ok: 'wallOk', lagging: 'wallLagging', frozen: 'wallFrozen' };
export function renderWalls() {
  const list = walls || [];
  const frozen = list.filter(w => w.state === 'frozen').length;
  const button = $('#tab-walls');
  button.textContent = t('tabWalls') + (walls ? ` (${list.length})` : '');
  if (frozen) button.appendChild(el('span', 'tab-alert', t('wallsFrozen').replace('{n}', frozen)));
  button.classList.toggle('alert', frozen > 0);
  const order = { frozen: 0, lagging: 1, ok: 2 };
  const rows = [...list].sort((a, b) => (order[a.state] ?? 3) - (order[b.state] ?? 3)
    || String(a.who || a.address).localeCompare(String(b.who || b.address)));
  $('#walls-table tbody').replaceChildren(...rows.map(w => {
    const row = el('tr');
    row.dataset.state = w.state;
    const name = el('td', 'wall-name');
    name.appendChild(el('span', 'wall-who', w.who || w.address || '—'));
    name.appendChild(el('span', 'wall-address', w.who ? w.address : t('anonymous')));
    row.appendChild(name);
    row.appendChild(el('td', 'wall-state', t(WALL_STATES[w.state] || 'wallOk')));
    const report = el('td', 'raised');
    report.appendChild(el('span', 'age', w.lastReport ? age(w.lastReport) : t('never')));
    if (w.lastReport) report.appendChild(el('span', 'clock', when(w.lastReport)));
    row.appendChild(report);
    row.appendChild(el('td', 'num', w.lagMillis === null || w.lagMillis === undefined ? '—' : w.lagMillis < 1000
      ? w.lagMillis + ' ms' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(w.lagMillis / 1000) + ' ' + t('s')));
    row.appendChild(el('td', '', when(w.connectedSince)));
    const ua = el('td', 'wall-ua', browserOf(w.userAgent));
    ua.title = w.userAgent || '';
    row.appendChild(ua);
    return row;
  }));
  $('#walls-note').textContent = wallsError || (walls && !list.length ? t('noWalls')
    : walls ? t(list.length === 1 ? 'wallsCountOne' : 'wallsCount').replace('{n}', list.length).replace('{time}', when(wallsAt.toISOString())) : '');
  $('#walls-note').classList.toggle('error', !!wallsError);
}
setInterval(refreshWalls, WALLS_EVERY_MS);
