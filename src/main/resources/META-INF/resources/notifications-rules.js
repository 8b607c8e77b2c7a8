// The administrators' part of the notifications page: the whole settings document (rules, groups, duty rosters,
// webhooks) as JSON in a text editor, saved with the version it was read at (PUT /api/v1/notifications/settings:
// 409 when someone saved meanwhile, 400 with the server's detail), a summary of the rules read from the text as it is
// typed, and who is on duty now in each roster (GET /api/v1/notifications/status). The section shows only when the
// server gives this user the settings (admins): a 403 keeps it hidden, so the page needs no role of its own to know.
import { call } from './js/api.js';

const $ = s => document.querySelector(s);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

export function startRules({ t, say, status }) {
  const area = $('#settings-json');
  const doc = { version: null, persistent: null, loaded: false };
  let timer = null;

  /** The text, parsed; or the parser's complaint. */
  function parsed() {
    try {
      const value = JSON.parse(area.value);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'settings: { "rules": [...], … }' };
      return { value };
    } catch (e) {
      return { error: e.message };
    }
  }

  function showState() {
    if (!doc.loaded) return;
    const where = doc.persistent === false ? t('inMemory') : doc.persistent === true ? t('persistent') : '';
    $('#settings-state').textContent = [t('version').replace('{v}', doc.version), where].filter(Boolean).join(' · ');
    $('#settings-state').classList.toggle('warn', doc.persistent === false);
    const s = status();
    const channels = $('#channels');
    channels.replaceChildren(...Object.entries((s && s.channels) || {}).map(([c, on]) => {
      const chip = el('span', 'channel ' + (on ? 'on' : 'off'), on ? c : `${c}: ${t('notConfigured')}`);
      chip.dataset.channel = c;
      chip.dataset.configured = String(!!on);
      return chip;
    }));
  }

  /** What the settings say, briefly: each rule's trigger, its tiers, its reminders; each roster's people on duty now. */
  function summarize() {
    const p = parsed();
    const check = $('#settings-check');
    const settings = p.value || {};
    if (p.error) {
      check.textContent = t('badJson').replace('{detail}', p.error);
      check.classList.add('bad');
      return; // the last good summary stays
    }
    check.classList.remove('bad');
    const count = k => (Array.isArray(settings[k]) ? settings[k].length : 0);
    check.textContent = t('parsedRules').replace('{n}', count('rules')).replace('{g}', count('groups'))
      .replace('{r}', count('rosters')).replace('{w}', count('webhooks'));
    const rules = Array.isArray(settings.rules) ? settings.rules : [];
    const body = $('#rules-summary tbody');
    body.replaceChildren(...rules.map(r => {
      const row = el('tr');
      row.dataset.rule = String(r && r.id);
      const name = el('td', 'rule');
      name.appendChild(el('strong', null, String((r && r.id) ?? '?')));
      if (r && r.name) name.appendChild(el('span', 'rule-name', String(r.name)));
      row.appendChild(name);
      const when = el('td', 'when');
      const parts = [];
      if (r && r.severityAtLeast) parts.push(t('sevAtLeast').replace('{n}', r.severityAtLeast));
      [['rules', 'ruleLabel'], ['areas', 'areaLabel'], ['dimensions', 'dimensionLabel'], ['sources', 'sourceLabel']].forEach(([k, label]) => {
        if (r && Array.isArray(r[k]) && r[k].length) parts.push(`${t(label)}: ${r[k].join(', ')}`);
      });
      (parts.length ? parts : [t('anyAlarm')]).forEach(x => when.appendChild(el('span', 'line', x)));
      row.appendChild(when);
      const tiers = el('td', 'tiers');
      ((r && Array.isArray(r.tiers)) ? r.tiers : []).forEach(tier => {
        const line = el('span', 'line');
        line.appendChild(el('span', 'after', t('afterTier').replace('{after}', String((tier && tier.after) ?? '0m'))));
        line.append(' → ', (tier && Array.isArray(tier.to) ? tier.to : []).join(', '));
        tiers.appendChild(line);
      });
      row.appendChild(tiers);
      const rem = r && r.reminders;
      row.appendChild(el('td', 'reminders', rem && typeof rem === 'object'
        ? [rem.every && t('every').replace('{every}', rem.every), rem.times && t('times').replace('{n}', rem.times),
          rem.acknowledgedAfter && t('ackAfter').replace('{after}', rem.acknowledgedAfter)].filter(Boolean).join(' · ')
        : t('noReminders')));
      return row;
    }));
    if (!rules.length) {
      const row = el('tr');
      const cell = el('td', 'empty', t('noRulesYet'));
      cell.colSpan = 4;
      row.appendChild(cell);
      body.appendChild(row);
    }
    // Every roster of the settings, and any the server names on duty that the text does not (yet) have.
    const onDuty = ((status() || {}).onDuty) || {};
    const rosters = [...new Set([...(Array.isArray(settings.rosters) ? settings.rosters : []).map(r => String(r && r.id)),
      ...Object.keys(onDuty)])];
    $('#on-duty tbody').replaceChildren(...rosters.map(id => {
      const row = el('tr');
      row.dataset.roster = id;
      const people = Array.isArray(onDuty[id]) ? onDuty[id] : [];
      row.appendChild(el('td', null, id));
      row.appendChild(el('td', people.length ? 'people' : 'people none', people.length ? people.join(', ') : t('nobody')));
      return row;
    }));
  }

  function fill(answer) {
    doc.version = answer.version;
    doc.persistent = answer.persistent;
    doc.loaded = true;
    area.value = JSON.stringify(answer.settings || {}, null, 2);
    area.dataset.version = String(answer.version);
    area.dataset.dirty = 'false';
    $('#settings-reload').classList.remove('attention');
    showState();
    summarize();
  }

  async function load() {
    let answer;
    try {
      ({ answer } = await call('GET', '/api/v1/notifications/settings'));
    } catch (e) {
      if (e.status !== 403 && e.status !== 401 && e.status !== 404) say(e.message);
      return; // not an administrator (or no notifications on this server): the section stays hidden
    }
    $('#rules').hidden = false;
    fill(answer);
  }

  async function save() {
    const p = parsed();
    const problem = $('#settings-problem');
    problem.textContent = '';
    problem.dataset.status = '';
    if (p.error) {
      problem.textContent = t('badJson').replace('{detail}', p.error);
      return;
    }
    const button = $('#settings-save');
    button.disabled = true;
    try {
      const { answer } = await call('PUT', '/api/v1/notifications/settings', {
        body: JSON.stringify({ version: doc.version, settings: p.value }), type: 'application/json' });
      if (answer && answer.settings) fill(answer);
      else await load();
      say(t('settingsSaved').replace('{v}', doc.version));
    } catch (e) {
      problem.dataset.status = String(e.status || '');
      if (e.status === 409) {
        problem.textContent = t('conflict').replace('{v}', doc.version) + (e.message ? ` (${e.message})` : '');
        $('#settings-reload').classList.add('attention');
      } else {
        const a = e.answer || {};
        problem.textContent = a.field ? `${e.message} (${a.field})` : e.message;
      }
    } finally {
      button.disabled = false;
    }
  }

  area.addEventListener('input', () => {
    area.dataset.dirty = 'true';
    clearTimeout(timer);
    timer = setTimeout(summarize, 300);
  });
  $('#settings-save').addEventListener('click', save);
  $('#settings-reload').addEventListener('click', () => {
    if (area.dataset.dirty === 'true' && !confirm(t('discard'))) return;
    $('#settings-problem').textContent = '';
    load();
  });

  return {
    load,
    translate() {
      showState();
      if (doc.loaded) summarize();
    }
  };
}
