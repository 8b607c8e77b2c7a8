// Who was told of the open detail's alarm (GET /api/v1/notifications/alarms/{id}, newest first): one row per delivery
// (when, channel, recipient, who and rule, kind, state in words and colour, attempts), a click shows its attempts. Read
// again with the detail (an alarm that changed on the socket) and every few seconds while the detail is open. Also the
// console's notice when the notifications are kept in memory only, or a channel is not configured
// (GET /api/v1/notifications/status).
import { CHANNELS, DELIVERY_KINDS, DELIVERY_STATES, OUTCOMES, t, word } from './text.js';
import { $, api, el, state, when } from './common.js';

const EVERY_MS = 5000;
const STATUS_EVERY_MS = 60000;
const expanded = new Set(); // the deliveries whose attempts are shown, by id (a string)
let shownFor = null; // the alarm whose deliveries the table holds
let asked = 0; // the newest request: an older answer that comes later is dropped
let last = []; // the newest answer, drawn again when a row is opened or closed

/** Reads the open detail's deliveries again and draws them; quiet when no detail is open. */
export async function refreshNotifications() {
  const id = state.detailId;
  if (id === null) return;
  if (shownFor !== String(id)) {
    shownFor = String(id);
    expanded.clear();
    last = [];
    $('#notifications tbody').replaceChildren();
    $('#notifications').dataset.loaded = 'false';
    $('#notifications-empty').hidden = true;
  }
  const mine = ++asked;
  try {
    const list = await api('GET', `/api/v1/notifications/alarms/${encodeURIComponent(id)}`);
    if (mine !== asked || state.detailId === null || String(state.detailId) !== shownFor) return;
    last = Array.isArray(list) ? list : [];
    render(last);
    $('#notifications-error').textContent = '';
  } catch (e) {
    if (mine !== asked) return;
    $('#notifications-error').textContent = t('notifyUnavailable').replace('{detail}', e.message);
  }
}

function stateText(d) {
  const words = word(DELIVERY_STATES, d.state);
  if (d.state === 'cancelled' || d.state === 'failed') return d.result ? `${words}: ${d.result}` : words;
  if (d.state === 'pending' && d.dueAt && Date.parse(d.dueAt) > Date.now() + 1000) {
    return `${words} · ${t('dueAt').replace('{time}', when(d.dueAt))}`;
  }
  return words;
}

function render(list) {
  const table = $('#notifications');
  table.dataset.loaded = 'true';
  table.dataset.count = String(list.length);
  const rows = [];
  for (const d of list) {
    const id = String(d.id);
    const row = el('tr', 'delivery');
    row.dataset.deliveryId = id;
    row.dataset.state = d.state || '';
    row.dataset.channel = d.channel || '';
    row.dataset.kind = d.kind || '';
    const open = expanded.has(id);
    const first = el('td', 'when');
    const toggle = el('button', 'expand', open ? '▾' : '▸');
    toggle.type = 'button';
    toggle.title = t('showTries');
    toggle.setAttribute('aria-label', t('showTries'));
    toggle.setAttribute('aria-expanded', String(open));
    first.append(toggle, ' ', when(d.sentAt || d.dueAt));
    row.appendChild(first);
    row.appendChild(el('td', 'channel', word(CHANNELS, d.channel)));
    const recipient = el('td', 'recipient', d.recipient || '—');
    recipient.title = d.recipient || '';
    row.appendChild(recipient);
    const who = el('td', 'who');
    who.appendChild(el('span', 'who-name', d.who || '—'));
    if (d.rule) who.appendChild(el('span', 'who-rule', d.rule));
    row.appendChild(who);
    row.appendChild(el('td', 'kind', word(DELIVERY_KINDS, d.kind)));
    const st = el('td', 'delivery-state');
    st.appendChild(el('span', 'state-word', stateText(d)));
    if (d.result && d.state !== 'cancelled' && d.state !== 'failed') st.title = d.result;
    row.appendChild(st);
    row.appendChild(el('td', 'num attempts', String(d.attempts ?? 0)));
    row.addEventListener('click', () => {
      if (expanded.has(id)) expanded.delete(id);
      else expanded.add(id);
      render(last);
    });
    rows.push(row);
    if (open) rows.push(tries(d));
  }
  $('#notifications tbody').replaceChildren(...rows);
  $('#notifications-empty').hidden = list.length > 0;
  table.hidden = list.length === 0;
}

/** A delivery's attempts, in a row under it: when, which server, the outcome, the provider's status and answer. */
function tries(d) {
  const row = el('tr', 'tries');
  row.dataset.triesFor = String(d.id);
  const cell = el('td');
  cell.colSpan = 7;
  const list = d.tries || [];
  if (!list.length) {
    cell.appendChild(el('p', 'empty', t('noTries')));
  } else {
    const table = el('table', 'tries-table');
    const head = el('tr');
    ['thTime', 'thInstance', 'thOutcome', 'thStatus', 'thAnswer', 'thMillis'].forEach(k => head.appendChild(el('th', null, t(k))));
    table.appendChild(el('thead')).appendChild(head);
    const body = table.appendChild(el('tbody'));
    for (const x of list) {
      const r = el('tr', 'try');
      r.dataset.outcome = x.outcome || '';
      [when(x.at), x.instance || '', word(OUTCOMES, x.outcome), x.status ?? '', x.answer || '',
        x.millis === null || x.millis === undefined ? '' : `${x.millis} ms`].forEach(v => r.appendChild(el('td', null, String(v))));
      body.appendChild(r);
    }
    cell.appendChild(table);
  }
  row.appendChild(cell);
  return row;
}

/** The console's notice: pending notifications lost at a restart, channels not configured. Quiet when unknown. */
export async function refreshNotifyStatus() {
  const notice = $('#notify-notice');
  try {
    const s = await api('GET', '/api/v1/notifications/status');
    const off = Object.entries((s && s.channels) || {}).filter(([, on]) => !on).map(([c]) => word(CHANNELS, c));
    const lines = [];
    if (s && s.persistent === false) lines.push(el('strong', 'memory', t('notifyMemory')));
    if (off.length) lines.push(el('span', 'channels-off', t('notifyChannelsOff').replace('{list}', off.join(', '))));
    notice.replaceChildren(...lines);
    notice.dataset.persistent = String(!(s && s.persistent === false));
    notice.hidden = lines.length === 0;
  } catch (e) {
    notice.hidden = true; // no notifications on this server (yet), or the session ended: the page says so elsewhere
  }
}

setInterval(() => { if (state.detailId !== null && !document.hidden) refreshNotifications(); }, EVERY_MS);
setInterval(() => { if (!document.hidden) refreshNotifyStatus(); }, STATUS_EVERY_MS);
