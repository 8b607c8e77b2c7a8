// The header (connection, tile summary, clock), the banner that says the screen is not current, and the status line.
import { city } from '../../city.js';
import { engineLag } from '../protocol.js';
import { t } from './text.js';
import { $, state, view } from './state.js';
import { locale, text, time } from './format.js';
import { render } from './tiles.js';

// The engine evaluates every tile each second; a heartbeat whose evaluation time is further behind than
// this means the server stalled, and its last figures must not look current.
const ENGINE_STALL_MS = 5000;
let downSince = null; // since when the connection is not live (ms), or null
export function summary() {
  const all = [...state.tiles.values()];
  const critical = all.filter(x => x.status === 'critical' && view(x).freshness === 'fresh').length;
  const warning = all.filter(x => x.status === 'warning' && view(x).freshness === 'fresh').length;
  const stale = all.filter(x => view(x).freshness === 'stale').length;
  const parts = [];
  if (critical) parts.push(`<span class="critical">${critical} ${t('critical')}</span>`);
  if (warning) parts.push(`<span class="warning">${warning} ${t(warning === 1 ? 'warning' : 'warnings')}</span>`);
  if (stale) parts.push(`<span class="stale">${stale} ${t('staleCount')}</span>`);
  $('#summary').innerHTML = parts.join('');
}

/** 'connecting', 'live' or 'down'; a page that never had data says connecting, not down. */
export function setConnection(s) {
  if (s === 'down' && !state.everLive) s = 'connecting';
  const conn = $('#conn');
  conn.dataset.state = s;
  let label = t(s);
  if (s !== 'live' && state.lastData) label += ' · ' + t('since') + ' ' + time(state.lastData);
  text(conn.querySelector('.text'), label);
  if (s === 'live') downSince = null;
  else if (downSince === null) downSince = Date.now();
}

export function offline() {
  const banner = $('#offline');
  const away = state.everLive && downSince !== null && Date.now() - downSince > 3000;
  document.body.classList.toggle('disconnected', away);
  document.body.classList.toggle('stalled', state.stalledSince !== null);
  banner.hidden = !away && state.stalledSince === null;
  if (away) text(banner, t('offline').replace('{time}', state.lastData ? time(state.lastData) : '—'));
  else if (state.stalledSince !== null) text(banner, t('stalled').replace('{time}', time(state.stalledSince)));
}

/** The heartbeat says when the engine last evaluated the tiles, by the server's own clock. */
export function engine(m) {
  const stalled = engineLag(m) > ENGINE_STALL_MS;
  if (stalled === (state.stalledSince !== null)) return;
  state.stalledSince = stalled ? (m.evaluatedAt ? new Date(m.evaluatedAt) : new Date()) : null;
  state.tiles.forEach(render);
  summary();
  offline();
}

export function status() {
  Promise.all(['/q/health/ready', '/q/health/group/storage'].map(u => fetch(u).then(r => r.json()))).then(([ready, storage]) => {
    const checks = Object.fromEntries([...(ready.checks || []), ...(storage.checks || [])].map(c => [c.name, c]));
    const parts = [];
    if (checks.mqtt) { // the embedded broker's port; an external broker is not named to anonymous callers
      const port = checks.mqtt.data.port;
      parts.push(`MQTT ${port ? `port ${port} ` : ''}(${checks.mqtt.data.mode})`);
    }
    if (checks.database) parts.push(`${t('database')}: ${checks.database.data.mode}`);
    parts.push(`${state.tiles.size} ${t('tiles')}`);
    $('#status').innerHTML = parts.map(p => `<span>${p}</span>`).join('');
  }).catch(() => {});
}

/** The city's time and date, from the page's first moment (not a placeholder until the first second passes). */
export function clock() {
  const now = new Date();
  text($('#clock'), time(now));
  text($('#date'), now.toLocaleDateString(locale(), { timeZone: city.timezone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
}
