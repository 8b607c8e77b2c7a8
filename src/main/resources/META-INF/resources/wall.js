// Pantau's wall: the page's entry module. It receives a snapshot, then deltas and alarm changes over the wall
// protocol (js/protocol.js: resume, reconnect, heartbeat, render reports); the modules in js/wall/ draw them:
// tiles.js the tiles, map.js the map, alarms.js the alarm band, status.js the header and the banners.
import { city } from './city.js';
import { connectWall } from './js/protocol.js';
import { i18n } from './js/wall/text.js';
import { $, state, view } from './js/wall/state.js';
import { fitSoon } from './js/wall/fit.js';
import { freshness, layout, render, tileElement } from './js/wall/tiles.js';
import { SPARK_HOURS, drawSpark, loadHistory, remember } from './js/wall/sparks.js';
import { drawMap } from './js/wall/map.js';
import { applyAlarms, renderAlarms, snapshotAlarms } from './js/wall/alarms.js';
import { soundState } from './js/wall/cue.js';
import { clock, engine, offline, setConnection, status, summary } from './js/wall/status.js';

if (new URLSearchParams(location.search).has('kiosk')) document.body.classList.add('kiosk');

/** One message that moves seq forward: a snapshot (everything), a delta (changed tiles) or an alarms change. */
function onData(m) {
  if (m.type === 'alarms') {
    applyAlarms(m.alarms, m.alarmSummary, false);
    state.lastData = new Date();
    renderAlarms();
    return;
  }
  if (m.type === 'delta' && (m.alarms || m.alarmSummary)) { // a delta coalesced for a page that was behind
    applyAlarms(m.alarms || [], m.alarmSummary, false);
    renderAlarms();
  }
  if (m.type === 'snapshot') {
    state.tiles.clear();
    snapshotAlarms(m, !state.everLive);
    renderAlarms();
  }
  (m.tiles || []).forEach(x => {
    state.tiles.set(x.id, x);
    remember(x);
  });
  state.lastData = new Date();
  state.everLive = true;
  layout(false);
  (m.tiles || []).forEach(x => {
    render(x);
    drawSpark(x.id);
  });
  if (m.type === 'snapshot') {
    state.tiles.forEach(render);
    drawMap();
    status();
    // A snapshot of another catalog version (docs/wall-protocol.md): its areas' names may have changed too.
    if (m.catalog !== undefined && state.catalog !== undefined && m.catalog !== state.catalog) loadAreas().then(drawMap);
    state.catalog = m.catalog;
  }
  summary();
}

function loadAreas() {
  return fetch('/api/v1/areas').then(r => r.json()).catch(() => []).then(a => {
    state.areas = Array.isArray(a) ? a : [];
  });
}

function applyLanguage() {
  i18n.translatePage();
  layout(true);
  state.tiles.forEach(render);
  drawMap();
  renderAlarms();
  soundState();
  summary();
  status();
  setConnection($('#conn').dataset.state);
}

// Every second: the banners, the stale tiles' ages, the clock.
setInterval(() => {
  offline();
  state.tiles.forEach(x => {
    if (view(x).freshness === 'stale' && freshness(view(x), tileElement(x.id))) fitSoon(x.id);
  });
  clock();
}, 1000);
clock();
city.ready.then(clock);
setInterval(status, 30000);
window.addEventListener('resize', () => layout(false));

$('#lang').addEventListener('click', () => {
  i18n.toggle();
  applyLanguage();
});

Promise.all([
  loadAreas(),
  fetch(`/api/v1/tiles/history?hours=${SPARK_HOURS}`).then(r => r.json()).catch(() => ({})),
  // 404 when the catalog has no boundaries: the schematic map then.
  fetch('/api/v1/areas/geojson').then(r => (r.ok ? r.json() : null)).catch(() => null)
]).then(([, history, shapes]) => {
  state.geo = shapes;
  loadHistory(history);
  applyLanguage();
  connectWall({ reports: true, onState: setConnection, onHeartbeat: engine, onData });
});
