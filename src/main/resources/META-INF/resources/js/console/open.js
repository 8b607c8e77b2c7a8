// The open alarms tab: one row per open alarm, kept by id; the counts by severity in the header; the flood banner.
import { RULES, SEVERITIES, STATES, i18n, t, word } from './text.js';
import { $, age, areaName, el, message, state, when } from './common.js';
import { actions, flags, severityChip } from './actions.js';
import { openDetail } from './detail.js';

const order = (a, b) => b.severity - a.severity || Date.parse(b.raisedAt) - Date.parse(a.raisedAt);

/** One row per alarm, kept by id: a row is rebuilt only when its alarm changed, so a click is never lost. */
export function renderOpen() {
  const body = $('#alarms tbody');
  const list = [...state.alarms.values()].sort(order);
  const rows = new Map([...body.rows].map(r => [r.dataset.alarmId, r]));
  const wanted = list.map(a => {
    const id = String(a.id);
    const key = JSON.stringify(a) + i18n.lang;
    let row = rows.get(id);
    if (!row || row.dataset.key !== key) {
      const fresh = document.createElement('tr');
      fresh.dataset.alarmId = id;
      fresh.dataset.key = key;
      fresh.dataset.state = a.state;
      fresh.dataset.severity = a.severity;
      fresh.appendChild(el('td')).appendChild(severityChip(a.severity));
      fresh.appendChild(el('td', 'state', word(STATES, a.state)));
      fresh.appendChild(el('td', 'msg', message(a)));
      fresh.appendChild(el('td', 'area', areaName(a.area)));
      const raised = el('td', 'raised');
      raised.appendChild(el('span', 'clock', when(a.raisedAt)));
      raised.appendChild(el('span', 'age', age(a.raisedAt)));
      raised.dataset.at = a.raisedAt;
      fresh.appendChild(raised);
      fresh.appendChild(el('td', 'num', String(a.activations ?? '')));
      fresh.appendChild(flags(a));
      fresh.appendChild(el('td', 'actions')).appendChild(actions(a));
      fresh.addEventListener('click', () => openDetail(a.id));
      if (row) row.replaceWith(fresh);
      row = fresh;
    }
    if (state.detailId !== null) row.classList.toggle('selected', String(state.detailId) === id);
    return row;
  });
  rows.forEach((row, id) => { if (!state.alarms.has(id)) row.remove(); });
  wanted.forEach((row, i) => { if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null); });
  $('#empty').hidden = list.length > 0;
  renderCounts();
  renderFlood();
}

function renderCounts() {
  const open = (state.summary && state.summary.open) || {};
  const local = {};
  state.alarms.forEach(a => {
    if (a.state !== 'shelved' && a.state !== 'out-of-service') local[a.severity] = (local[a.severity] || 0) + 1;
  });
  const counts = state.summary && state.summary.open ? open : local;
  $('#counts').replaceChildren(...SEVERITIES.map(sev => {
    const n = Number(counts[sev] || 0);
    const c = el('span', 'count sev-' + sev + (n ? '' : ' zero'), `${n} ${t('sev' + sev)}`);
    c.dataset.severity = sev;
    return c;
  }));
}

function renderFlood() {
  const flood = state.summary && state.summary.flood;
  const banner = $('#flood');
  banner.hidden = !(flood && flood.active);
  if (banner.hidden) return;
  $('#flood-title').textContent = t('flood').replace('{n}', flood.count).replace('{m}', flood.windowMinutes || 10);
  $('#flood-groups').replaceChildren(...(flood.groups || []).map(g => {
    const li = el('li', null, t('floodGroup').replace('{rule}', word(RULES, g.rule)).replace('{area}', areaName(g.area))
      .replace('{n}', g.count));
    li.dataset.rule = g.rule;
    li.dataset.area = g.area || '';
    return li;
  }));
}
