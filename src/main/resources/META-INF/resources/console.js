// Pantau's operator console (docs/alarms.md): the page's entry module. The open alarms come live over the wall's
// socket (js/protocol.js: the snapshot's `alarms`, then `alarms` messages in seq order; a closed alarm once, then
// dropped); the operator's actions, the history and each alarm's detail go through /api/v1/alarms with the session
// cookie (js/console/); who was told of an alarm, and a notification's link that acknowledges it, through
// /api/v1/notifications (js/console/notifications.js, js/console/link.js).
import { city } from './city.js';
import { connectWall } from './js/protocol.js';
import { i18n, t } from './js/console/text.js';
import { $, age, say, state } from './js/console/common.js';
import { renderOpen } from './js/console/open.js';
import { filters, renderHistory, searchHistory } from './js/console/history.js';
import { refreshWalls, renderWalls } from './js/console/walls.js';
import { detailChanged, refreshDetail } from './js/console/detail.js';
import { refreshNotifyStatus } from './js/console/notifications.js';
import { renderLink, startLink } from './js/console/link.js';

function setConnection(s) {
  const conn = $('#conn');
  conn.dataset.state = s;
  conn.querySelector('.text').textContent = t(s);
}

function applyAlarms(list) {
  let touched = false;
  for (const a of list || []) {
    const id = String(a.id);
    if (a.state === 'closed') state.alarms.delete(id);
    else state.alarms.set(id, a);
    if (state.detailId !== null && String(state.detailId) === id) touched = true;
  }
  if (touched) detailChanged();
}

/** One message that moves seq forward; the console is never limited to a time window. */
function onData(m) {
  if (m.type === 'snapshot') {
    state.tiles.clear();
    state.alarms.clear();
    state.summary = null;
  }
  (m.tiles || []).forEach(x => state.tiles.set(x.id, x));
  if (m.type !== 'delta' || m.alarms || m.alarmSummary) { // a delta coalesced for a page behind may carry alarms
    applyAlarms(m.alarms || []);
    if (m.alarmSummary) state.summary = m.alarmSummary;
    renderOpen();
  }
}

// Ages move on.
setInterval(() => {
  document.querySelectorAll('#alarms td.raised').forEach(td => {
    const a = td.querySelector('.age');
    if (a && td.dataset.at) a.textContent = age(td.dataset.at);
  });
}, 5000);

function show(which) {
  document.querySelectorAll('.tab').forEach(b => b.setAttribute('aria-selected', String(b.dataset.tab === which)));
  $('#open').hidden = which !== 'open';
  $('#history').hidden = which !== 'history';
  $('#walls').hidden = which !== 'walls';
  if (which === 'history' && !state.lastHistory.length) searchHistory();
  if (which === 'walls') refreshWalls();
}
document.querySelectorAll('.tab').forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));

function applyLanguage() {
  i18n.translatePage();
  $('#action-minutes span').textContent = t('minutes').replace('{max}', state.settings.maxShelveMinutes);
  setConnection($('#conn').dataset.state);
  filters();
  renderOpen();
  renderHistory();
  renderWalls();
  renderLink();
  if (state.detailId !== null) refreshDetail();
}

$('#lang').addEventListener('click', () => {
  i18n.toggle();
  applyLanguage();
});

/** What the server takes (GET /api/v1/alarms/settings): the catalog's rules, the longest shelving, comment, reason. */
function applySettings(s) {
  if (s && Array.isArray(s.rules)) state.settings = s;
  const form = $('#action-form');
  form.minutes.max = String(state.settings.maxShelveMinutes);
  form.comment.maxLength = state.settings.maxCommentLength;
  form.reason.maxLength = state.settings.maxReasonLength;
}

const json = url => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
  .then(r => (r.ok ? r.json() : null)).catch(() => null);
city.ready.then(applyLanguage); // times drawn before the city's zone was known are drawn again in it
Promise.all([json('/api/v1/areas'), json('/api/v1/alarms/settings')]).then(([a, s]) => {
  state.areas = Array.isArray(a) ? a : [];
  applySettings(s);
  applyLanguage();
  const tab = new URLSearchParams(location.search).get('tab');
  show(['history', 'walls'].includes(tab) ? tab : 'open');
  refreshWalls();
  refreshNotifyStatus();
  startLink(); // ?alarm=…&link=… from a notification message: its detail, and the button that acknowledges it
  // client=console: a console is not a wall. A session that ended: to the sign-in page; a role taken away: the page
  // says so rather than retrying for ever.
  connectWall({ client: 'console', probe: '/api/v1/alarms/summary', onForbidden: () => say(t('signedOut')),
    onState: setConnection, onData });
});
