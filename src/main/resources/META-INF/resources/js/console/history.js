// The history tab: GET /api/v1/alarms with the filters (state, severity, rule, area, a time window in the city's zone).
import { city } from '../../city.js';
import { RULES, SEVERITIES, STATES, t, word } from './text.js';
import { $, api, areaName, el, message, say, state, when } from './common.js';
import { severityChip } from './actions.js';
import { openDetail } from './detail.js';

export function filters() {
  const box = (host, name, values, label) => host.replaceChildren(...values.map(v => {
    const l = el('label', 'check');
    const input = el('input');
    input.type = 'checkbox';
    input.name = name;
    input.value = v;
    l.append(input, ' ', label(v));
    return l;
  }));
  const checked = name => new Set([...document.querySelectorAll(`#filters input[name=${name}]:checked`)].map(i => i.value));
  const states = checked('state');
  const sevs = checked('severity');
  box($('#f-state'), 'state', ['open', 'active-unacknowledged', 'active-acknowledged', 'cleared-unacknowledged', 'shelved',
    'out-of-service', 'closed'], v => word(STATES, v));
  box($('#f-severity'), 'severity', SEVERITIES.map(String), v => `${v} ${t('sev' + v)}`);
  document.querySelectorAll('#filters input[name=state]').forEach(i => { i.checked = states.has(i.value); });
  document.querySelectorAll('#filters input[name=severity]').forEach(i => { i.checked = sevs.has(i.value); });
  const select = (s, values, label) => {
    const was = s.value;
    s.replaceChildren(new Option(t('all'), ''), ...values.map(v => new Option(label(v), v)));
    s.value = values.includes(was) ? was : '';
  };
  const rules = [...new Set([...state.settings.rules.map(r => r.id), ...[...state.alarms.values()].map(a => a.rule)])];
  select($('#f-rule'), rules, r => `${word(RULES, r)} (${r})`);
  select($('#f-area'), state.areas.map(a => a.slug), areaName);
}

/** A datetime-local value, read as WITA (the room's clock), with its offset. */
const witaTime = v => (v ? (v.length === 16 ? v + ':00' : v) + city.offset : '');

export async function searchHistory() {
  const f = $('#filters');
  const q = new URLSearchParams();
  const list = name => [...f.querySelectorAll(`input[name=${name}]:checked`)].map(i => i.value).join(',');
  if (list('state')) q.set('state', list('state'));
  if (list('severity')) q.set('severity', list('severity'));
  if (f.rule.value) q.set('rule', f.rule.value);
  if (f.area.value) q.set('area', f.area.value);
  if (f.from.value) q.set('from', witaTime(f.from.value));
  if (f.to.value) q.set('to', witaTime(f.to.value));
  q.set('limit', f.limit.value || '200');
  try {
    state.lastHistory = await api('GET', '/api/v1/alarms?' + q);
    renderHistory();
    say('');
  } catch (e) {
    say(e.message);
  }
}

export function renderHistory() {
  const body = $('#history-table tbody');
  body.replaceChildren(...state.lastHistory.map(a => {
    const row = document.createElement('tr');
    row.dataset.alarmId = a.id;
    row.dataset.state = a.state;
    row.appendChild(el('td', 'num', String(a.id)));
    row.appendChild(el('td')).appendChild(severityChip(a.severity));
    row.appendChild(el('td', 'state', word(STATES, a.state)));
    row.appendChild(el('td', 'msg', message(a)));
    row.appendChild(el('td', 'area', areaName(a.area)));
    row.appendChild(el('td', 'raised', when(a.raisedAt)));
    row.appendChild(el('td', 'raised', when(a.clearedAt)));
    row.appendChild(el('td', null, a.acknowledgedBy ? `${a.acknowledgedBy} · ${when(a.acknowledgedAt)}` : ''));
    row.appendChild(el('td', 'num', String(a.activations ?? '')));
    row.addEventListener('click', () => openDetail(a.id));
    return row;
  }));
  $('#history-count').textContent = t('found').replace('{n}', state.lastHistory.length);
}

$('#filters').addEventListener('submit', ev => { ev.preventDefault(); searchHistory(); });
