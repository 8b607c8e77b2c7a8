// The alarms on the wall: the band (counts by severity, the newest critical ones, a flood), the map's shading, the
// cue (cue.js). The server sends every open alarm in the snapshot and each change in an `alarms` message (a closed
// alarm once, to be dropped); only annunciated alarms (state.js) are counted, shaded and sounded.
import { t, i18n } from './text.js';
import { $, annunciated, state } from './state.js';
import { text, time } from './format.js';
import { MIN_SCALE, shrink } from './fit.js';
import { shadeAlarms } from './map.js';
import { cueFor, cueSilently } from './cue.js';

const SEVERITIES = [4, 3, 2, 1];
const CRITICAL_SHOWN = 3;
/** Severity 4, and escalated severity 3: what the room must see without looking for it. */
const critical = a => annunciated(a) && (a.severity >= 4 || (a.severity >= 3 && a.escalated));
const newest = a => Math.max(Date.parse(a.raisedAt) || 0, Date.parse(a.escalatedAt) || 0);

/** Changed alarms (and the newest summary); first: those of the page's first snapshot, which never sound. */
export function applyAlarms(list, summary, first) {
  for (const a of list || []) {
    const id = String(a.id);
    if (a.state === 'closed') state.alarms.delete(id);
    else state.alarms.set(id, a);
    if (!first) cueFor(a);
  }
  if (first) (list || []).forEach(cueSilently);
  if (summary) state.alarmSummary = summary;
}

/** A snapshot's alarms are all that are open: the others went while the page was away. */
export function snapshotAlarms(m, first) {
  const known = new Set((m.alarms || []).map(a => String(a.id)));
  state.alarms.forEach((a, id) => { if (!known.has(id)) state.alarms.delete(id); });
  state.alarmSummary = null;
  applyAlarms(m.alarms || [], m.alarmSummary, first);
}

/** The counts: the server's summary when it sent one, else counted here from the open alarms. */
function counts() {
  if (state.alarmSummary && state.alarmSummary.open) {
    return { open: state.alarmSummary.open, suppressed: state.alarmSummary.suppressed || 0 };
  }
  const open = {};
  let suppressed = 0;
  state.alarms.forEach(a => {
    if (annunciated(a)) open[a.severity] = (open[a.severity] || 0) + 1;
    else suppressed++;
  });
  return { open, suppressed };
}

export function renderAlarms() {
  const { open, suppressed } = counts();
  const host = $('#alarm-counts');
  if (host.children.length !== SEVERITIES.length) {
    host.replaceChildren(...SEVERITIES.map(sev => {
      const el = document.createElement('div');
      el.className = 'count sev-' + sev;
      el.dataset.severity = sev;
      el.innerHTML = '<span class="n"></span><span class="l"></span>';
      return el;
    }));
  }
  let total = 0;
  for (const el of host.children) {
    const n = Number(open[el.dataset.severity] || 0);
    total += n;
    el.classList.toggle('zero', n === 0);
    text(el.querySelector('.n'), String(n));
    text(el.querySelector('.l'), t('sev' + el.dataset.severity));
  }
  const band = $('#alarms');
  band.dataset.open = total;
  band.dataset.worst = SEVERITIES.find(s => Number(open[s] || 0) > 0) || 0;
  const sup = $('#alarm-suppressed');
  sup.hidden = !suppressed;
  text(sup, t('suppressed').replace('{n}', suppressed));

  const list = [...state.alarms.values()].filter(critical).sort((a, b) => newest(b) - newest(a));
  const ol = $('#alarm-critical');
  const items = list.slice(0, CRITICAL_SHOWN).map(a => {
    const li = document.createElement('li');
    li.className = 'sev-' + a.severity + (a.escalated ? ' escalated' : '') + (a.acknowledgedAt ? ' acked' : '');
    li.dataset.alarmId = a.id;
    const add = (cls, value) => {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = value;
      li.appendChild(span);
    };
    add('sev', String(a.severity));
    add('msg', (a.message && (a.message[i18n.lang] || a.message.id)) || a.rule);
    if (a.escalated) add('flag', t('escalated'));
    if (a.state === 'cleared-unacknowledged') add('flag cleared', t('cleared'));
    if (a.acknowledgedAt) add('flag ack', '✓ ' + t('acked').replace('{who}', a.acknowledgedBy || ''));
    add('when', a.raisedAt ? time(new Date(a.raisedAt)) : '');
    return li;
  });
  if (!list.length) {
    const li = document.createElement('li');
    li.className = 'none';
    li.textContent = t('noCritical');
    items.push(li);
  }
  ol.replaceChildren(...items);
  if (list.length) fitCritical(ol, list.length);

  const flood = state.alarmSummary && state.alarmSummary.flood;
  const f = $('#alarm-flood');
  f.hidden = !(flood && flood.active);
  document.body.classList.toggle('alarm-flood', !f.hidden);
  if (!f.hidden) text(f, t('flood').replace('{n}', flood.count).replace('{m}', flood.windowMinutes || 10));
  shadeAreas();
}

/**
 * The critical alarms shown whole, never cut: the newest that fit side by side, the rest counted ("+2 more"); the
 * newest alone wraps onto two lines and shrinks, as a tile's text does, when even it is too long for the band.
 */
function fitCritical(ol, total) {
  const shown = () => ol.querySelectorAll('li[data-alarm-id]');
  let more = null;
  const count = () => {
    const rest = total - shown().length;
    if (rest > 0 && !more) {
      more = document.createElement('li');
      more.className = 'more';
      ol.appendChild(more);
    }
    if (more) more.textContent = t('more').replace('{n}', rest);
  };
  count();
  while (shown().length > 1 && ol.scrollWidth > ol.clientWidth + 1) {
    shown()[shown().length - 1].remove();
    count();
  }
  const first = shown()[0];
  if (ol.scrollWidth > ol.clientWidth + 1) {
    first.classList.add('wrap');
    shrink([{ e: first.querySelector('.msg'), scale: 1 }], MIN_SCALE);
  }
}
let bandWidth = 0;
new ResizeObserver(entries => {
  const w = entries[entries.length - 1].contentRect.width;
  if (w !== bandWidth) {
    bandWidth = w;
    renderAlarms();
  }
}).observe($('#alarms'));

/** Each kelurahan with open annunciated alarms, shaded by the worst severity there. */
export function shadeAreas() {
  const worst = new Map();
  state.alarms.forEach(a => {
    if (a.area && annunciated(a)) worst.set(a.area, Math.max(worst.get(a.area) || 0, a.severity));
  });
  shadeAlarms(worst);
}
