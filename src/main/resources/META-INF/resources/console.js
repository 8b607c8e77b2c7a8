// Pantau's operator console (docs/alarms.md). The open alarms come live over the wall's socket (/ws/wall: the
// snapshot's `alarms`, then `alarms` messages in seq order; a closed alarm once, then dropped); the operator's
// actions, the history and each alarm's detail go through /api/v1/alarms with the session cookie.
(() => {
  'use strict';

  const params = new URLSearchParams(location.search);
  let lang = params.get('lang') || localStorage.getItem('pantau.lang') || 'id';
  if (lang !== 'en') lang = 'id';

  const TEXT = {
    id: {
      title: 'Konsol operator', live: 'TERHUBUNG', connecting: 'MENYAMBUNG…', down: 'TERPUTUS', switchTo: 'EN',
      signOut: 'Keluar', tabOpen: 'Alarm terbuka', tabHistory: 'Riwayat',
      thSeverity: 'Tingkat', thState: 'Status', thMessage: 'Pesan', thArea: 'Kelurahan', thRaised: 'Muncul',
      thActivations: 'Aktivasi', thFlags: 'Tanda', thActions: 'Tindakan', thCleared: 'Reda', thAcknowledged: 'Diakui',
      thTime: 'Waktu', thEvent: 'Peristiwa', thActor: 'Oleh', thComment: 'Komentar', thValue: 'Nilai',
      noAlarms: 'Tidak ada alarm terbuka.', fState: 'Status', fSeverity: 'Tingkat', fRule: 'Aturan', fArea: 'Kelurahan',
      fFrom: 'Dari (WITA)', fTo: 'Sampai (WITA)', fLimit: 'Batas', search: 'Cari', all: 'semua',
      found: '{n} alarm', close: 'Tutup', dValues: 'Nilai panel, 6 jam terakhir', dPlace: 'Lokasi', dEvents: 'Riwayat alarm',
      noValues: 'Belum ada nilai untuk panel ini.', ack: 'Akui', comment: 'Komentar', shelve: 'Tangguhkan',
      unshelve: 'Cabut tangguhan', shelveChattering: 'Tangguhkan (berulang) 30 mnt', cancel: 'Batal',
      minutes: 'Menit (1–{max})', reason: 'Alasan', commentOptional: 'Komentar (opsional)',
      ackTitle: 'Akui alarm', commentTitle: 'Komentar pada alarm', shelveTitle: 'Tangguhkan alarm',
      done: '{action}: alarm {id}', chattering: 'BERULANG', escalated: 'ESKALASI', shelvedUntil: 'ditangguhkan s.d. {time}',
      by: 'oleh {who}', outOfService: 'PEMELIHARAAN', flood: 'LONJAKAN ALARM: {n} alarm baru dalam {m} menit',
      floodGroup: '{rule} · {area}: {n}', signedOut: 'Sesi berakhir: muat ulang halaman untuk masuk lagi.',
      unreachable: 'Server tidak terjangkau', ago: '{n} lalu', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari',
      fRuleF: 'aturan', fSource: 'sumber', fTile: 'panel', fValue: 'nilai', fRaised: 'muncul', fAcked: 'diakui',
      fCleared: 'reda', fClosed: 'ditutup', fShelved: 'ditangguhkan', fEscalated: 'eskalasi', fActivations: 'aktivasi',
      sev4: 'Kritis', sev3: 'Tinggi', sev2: 'Sedang', sev1: 'Rendah', noArea: '—', now: 'sekarang',
      tabWalls: 'Layar', wallsFrozen: '{n} beku', thWall: 'Layar', thLastReport: 'Laporan terakhir', thLag: 'Jeda tampil',
      thConnected: 'Tersambung sejak', thBrowser: 'Peramban', noWalls: 'Tidak ada layar yang tersambung.',
      wallsCount: '{n} layar · diperbarui {time}', wallsCountOne: '{n} layar · diperbarui {time}', anonymous: 'anonim', never: 'belum pernah',
      wallOk: 'baik', wallLagging: 'tertinggal', wallFrozen: 'BEKU'
    },
    en: {
      title: 'Operator console', live: 'CONNECTED', connecting: 'CONNECTING…', down: 'DISCONNECTED', switchTo: 'ID',
      signOut: 'Sign out', tabOpen: 'Open alarms', tabHistory: 'History',
      thSeverity: 'Severity', thState: 'State', thMessage: 'Message', thArea: 'Kelurahan', thRaised: 'Raised',
      thActivations: 'Activations', thFlags: 'Flags', thActions: 'Actions', thCleared: 'Cleared', thAcknowledged: 'Acknowledged',
      thTime: 'Time', thEvent: 'Event', thActor: 'By', thComment: 'Comment', thValue: 'Value',
      noAlarms: 'No open alarms.', fState: 'State', fSeverity: 'Severity', fRule: 'Rule', fArea: 'Kelurahan',
      fFrom: 'From (WITA)', fTo: 'To (WITA)', fLimit: 'Limit', search: 'Search', all: 'all',
      found: '{n} alarms', close: 'Close', dValues: "The tile's values, last 6 hours", dPlace: 'Place', dEvents: "The alarm's history",
      noValues: 'No values for this tile yet.', ack: 'Acknowledge', comment: 'Comment', shelve: 'Shelve',
      unshelve: 'Unshelve', shelveChattering: 'Shelve chattering 30 min', cancel: 'Cancel',
      minutes: 'Minutes (1–{max})', reason: 'Reason', commentOptional: 'Comment (optional)',
      ackTitle: 'Acknowledge the alarm', commentTitle: 'Comment on the alarm', shelveTitle: 'Shelve the alarm',
      done: '{action}: alarm {id}', chattering: 'CHATTERING', escalated: 'ESCALATED', shelvedUntil: 'shelved until {time}',
      by: 'by {who}', outOfService: 'OUT OF SERVICE', flood: 'ALARM FLOOD: {n} new alarms in {m} min',
      floodGroup: '{rule} · {area}: {n}', signedOut: 'Session ended: reload the page to sign in again.',
      unreachable: 'Server unreachable', ago: '{n} ago', s: 's', m: 'min', h: 'h', d: 'd',
      fRuleF: 'rule', fSource: 'source', fTile: 'tile', fValue: 'value', fRaised: 'raised', fAcked: 'acknowledged',
      fCleared: 'cleared', fClosed: 'closed', fShelved: 'shelved', fEscalated: 'escalated', fActivations: 'activations',
      sev4: 'Critical', sev3: 'High', sev2: 'Medium', sev1: 'Low', noArea: '—', now: 'now',
      tabWalls: 'Walls', wallsFrozen: '{n} frozen', thWall: 'Wall', thLastReport: 'Last report', thLag: 'Render lag',
      thConnected: 'Connected since', thBrowser: 'Browser', noWalls: 'No wall page is connected.',
      wallsCount: '{n} walls · updated {time}', wallsCountOne: '{n} wall · updated {time}', anonymous: 'anonymous', never: 'never',
      wallOk: 'ok', wallLagging: 'lagging', wallFrozen: 'FROZEN'
    }
  };
  const STATES = {
    'active-unacknowledged': { id: 'Aktif, belum diakui', en: 'Active, unacknowledged' },
    'active-acknowledged': { id: 'Aktif, diakui', en: 'Active, acknowledged' },
    'cleared-unacknowledged': { id: 'Reda, belum diakui', en: 'Cleared, unacknowledged' },
    shelved: { id: 'Ditangguhkan', en: 'Shelved' },
    'out-of-service': { id: 'Pemeliharaan', en: 'Out of service' },
    closed: { id: 'Ditutup', en: 'Closed' },
    open: { id: 'Terbuka (semua kecuali ditutup)', en: 'Open (all but closed)' }
  };
  const RULES = {
    'flood-level': { id: 'Tinggi muka air', en: 'Water level' },
    'ispu-unhealthy': { id: 'Kualitas udara', en: 'Air quality' },
    'cctv-online-low': { id: 'CCTV daring', en: 'CCTV online' },
    'tile-status': { id: 'Status panel', en: 'Tile status' },
    'device-silent': { id: 'Perangkat diam', en: 'Device silent' },
    'device-offline': { id: 'Perangkat luring', en: 'Device offline' },
    'feed-silent': { id: 'Umpan diam', en: 'Feed silent' }
  };
  const EVENTS = {
    raised: { id: 'muncul', en: 'raised' }, reactivated: { id: 'aktif lagi', en: 'reactivated' },
    severity: { id: 'tingkat berubah', en: 'severity changed' }, acknowledged: { id: 'diakui', en: 'acknowledged' },
    commented: { id: 'komentar', en: 'commented' }, shelved: { id: 'ditangguhkan', en: 'shelved' },
    unshelved: { id: 'tangguhan dicabut', en: 'unshelved' }, escalated: { id: 'eskalasi', en: 'escalated' },
    cleared: { id: 'reda', en: 'cleared' }, closed: { id: 'ditutup', en: 'closed' }
  };
  const SEVERITIES = [4, 3, 2, 1];
  const city = window.pantauCity; // city.js: the catalog's time zone
  const HISTORY_HOURS = 6;
  const NS = 'http://www.w3.org/2000/svg';

  const $ = s => document.querySelector(s);
  const t = key => (typeof TEXT[lang][key] === 'string' ? TEXT[lang][key].replace(/WITA/g, city.zoneName) : TEXT[lang][key]);
  const word = (dict, key) => (dict[key] && (dict[key][lang] || dict[key].id)) || key;
  const alarms = new Map(); // every open alarm, by id (string)
  const tiles = new Map();
  let summary = null;
  let areas = [];
  // Until GET /api/v1/alarms/settings answers: the built-in catalog's rules and the server's default limits.
  let settings = { rules: Object.keys(RULES).map(id => ({ id })), maxShelveMinutes: 480, maxCommentLength: 2000,
    maxReasonLength: 500 };
  let seq = null;
  let ws = null;
  let lastMessage = 0;
  let retry = 1000;
  let tab = 'open';
  let detailId = null;
  let detailTimer = null;
  let tileHistory = null;
  let tileHistoryAt = 0;
  let lastHistory = [];

  // ---- formatting -------------------------------------------------------------------------------
  const locale = () => (lang === 'id' ? 'id-ID' : 'en-GB');
  function when(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    const day = x => x.toLocaleDateString('en-CA', { timeZone: city.timezone });
    const clock = d.toLocaleTimeString(locale(), { timeZone: city.timezone, hour12: false });
    if (day(d) === day(new Date())) return clock;
    return d.toLocaleDateString(locale(), { timeZone: city.timezone, day: 'numeric', month: 'short' }) + ' ' + clock;
  }
  function age(iso) {
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 5) return t('now');
    const n = s < 60 ? s + ' ' + t('s') : s < 3600 ? Math.round(s / 60) + ' ' + t('m')
      : s < 86400 ? Math.round(s / 3600) + ' ' + t('h') : Math.round(s / 86400) + ' ' + t('d');
    return t('ago').replace('{n}', n);
  }
  const number = v => (v === null || v === undefined ? '—' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(v));
  const areaName = slug => (slug ? ((areas.find(a => a.slug === slug) || {}).name || slug) : t('noArea'));
  const message = a => (a.message && (a.message[lang] || a.message.id)) || a.rule;
  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined && content !== null) e.textContent = content;
    return e;
  }
  function say(textValue, ok) {
    const m = $('#message');
    m.textContent = textValue || '';
    m.classList.toggle('ok', !!ok);
  }

  // ---- the API: same-origin, the session cookie; refusals are RFC 9457 problem bodies -------------
  async function api(method, path, body) {
    let r;
    try {
      r = await fetch(path, {
        method, credentials: 'same-origin',
        headers: body !== undefined ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
        body: body !== undefined ? JSON.stringify(body) : undefined
      });
    } catch (e) {
      throw new Error(t('unreachable'));
    }
    const type = r.headers.get('Content-Type') || '';
    if (r.redirected || r.status === 401 || (r.ok && !type.includes('json') && r.status !== 204)) {
      throw new Error(t('signedOut')); // the sign-in page came back instead of an answer
    }
    if (!r.ok) {
      const problem = await r.json().catch(() => ({}));
      throw new Error(problem.detail || problem.title || `${r.status} ${r.statusText}`);
    }
    return r.status === 204 ? null : r.json();
  }

  // ---- the open alarms ------------------------------------------------------------------------------
  const order = (a, b) => b.severity - a.severity || Date.parse(b.raisedAt) - Date.parse(a.raisedAt);

  function severityChip(sev) {
    const s = el('span', 'sev sev-' + sev, String(sev));
    s.title = t('sev' + sev);
    return s;
  }

  function flags(a, tag) {
    const cell = el(tag || 'td', 'flags');
    if (a.chattering) cell.appendChild(el('span', 'flag chattering', t('chattering')));
    if (a.escalated) cell.appendChild(el('span', 'flag escalated', t('escalated') + ' ' + when(a.escalatedAt)));
    if (a.shelvedUntil) {
      const f = el('span', 'flag shelved', t('shelvedUntil').replace('{time}', when(a.shelvedUntil)));
      f.title = [a.shelvedBy && t('by').replace('{who}', a.shelvedBy), a.shelveReason].filter(Boolean).join(': ');
      cell.appendChild(f);
      if (a.shelveReason) cell.appendChild(el('span', 'flag-note', a.shelveReason));
    }
    if (a.state === 'out-of-service') cell.appendChild(el('span', 'flag oos', t('outOfService')));
    return cell;
  }

  /** The operator's buttons for one alarm, as its state allows. */
  function actions(a) {
    const box = el('div', 'buttons');
    const button = (name, label, handler, cls) => {
      const b = el('button', 'act ' + (cls || ''), label);
      b.type = 'button';
      b.dataset.action = name;
      b.addEventListener('click', ev => { ev.stopPropagation(); handler(); });
      box.appendChild(b);
    };
    if (a.state === 'closed') return box;
    if (!a.acknowledgedAt) button('ack', t('ack'), () => dialog('ack', a), 'primary');
    button('comment', t('comment'), () => dialog('comment', a));
    if (a.state === 'shelved') {
      button('unshelve', t('unshelve'), () => act(a, 'unshelve', undefined, t('unshelve')));
    } else if (a.state !== 'out-of-service') {
      if (a.chattering) {
        button('shelve-chattering', t('shelveChattering'),
          () => act(a, 'shelve', { minutes: 30, reason: 'chattering' }, t('shelve')), 'warn');
      }
      button('shelve', t('shelve'), () => dialog('shelve', a));
    }
    return box;
  }

  /** One row per alarm, kept by id: a row is rebuilt only when its alarm changed, so a click is never lost. */
  function renderOpen() {
    const body = $('#alarms tbody');
    const list = [...alarms.values()].sort(order);
    const rows = new Map([...body.rows].map(r => [r.dataset.alarmId, r]));
    const wanted = list.map(a => {
      const id = String(a.id);
      const key = JSON.stringify(a) + lang;
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
      if (detailId !== null) row.classList.toggle('selected', String(detailId) === id);
      return row;
    });
    rows.forEach((row, id) => { if (!alarms.has(id)) row.remove(); });
    wanted.forEach((row, i) => { if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null); });
    $('#empty').hidden = list.length > 0;
    renderCounts();
    renderFlood();
  }

  function renderCounts() {
    const open = (summary && summary.open) || {};
    const local = {};
    alarms.forEach(a => {
      if (a.state !== 'shelved' && a.state !== 'out-of-service') local[a.severity] = (local[a.severity] || 0) + 1;
    });
    const counts = summary && summary.open ? open : local;
    $('#counts').replaceChildren(...SEVERITIES.map(sev => {
      const n = Number(counts[sev] || 0);
      const c = el('span', 'count sev-' + sev + (n ? '' : ' zero'), `${n} ${t('sev' + sev)}`);
      c.dataset.severity = sev;
      return c;
    }));
  }

  function renderFlood() {
    const flood = summary && summary.flood;
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

  // ---- actions --------------------------------------------------------------------------------
  async function act(a, action, body, label) {
    try {
      await api('POST', `/api/v1/alarms/${encodeURIComponent(a.id)}/${action}`, body);
      say(t('done').replace('{action}', label).replace('{id}', a.id), true);
      if (detailId !== null && String(detailId) === String(a.id)) refreshDetail();
      return true;
    } catch (e) {
      say(e.message);
      throw e;
    }
  }

  let pending = null;
  function dialog(kind, a) {
    pending = { kind, alarm: a };
    const form = $('#action-form');
    form.reset();
    $('#action-error').textContent = '';
    $('#action-title').textContent = t(kind + 'Title');
    $('#action-alarm').textContent = `#${a.id} · ${message(a)}`;
    $('#action-comment').hidden = kind === 'shelve';
    $('#action-comment span').textContent = kind === 'ack' ? t('commentOptional') : t('comment');
    form.comment.required = kind === 'comment';
    $('#action-minutes').hidden = kind !== 'shelve';
    $('#action-reason').hidden = kind !== 'shelve';
    form.reason.required = kind === 'shelve';
    form.minutes.required = kind === 'shelve';
    $('#action-ok').textContent = t(kind);
    $('#action').showModal();
    (kind === 'shelve' ? form.minutes : form.comment).focus();
  }

  $('#action-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!pending) return;
    const form = ev.target;
    const { kind, alarm } = pending;
    const comment = form.comment.value.trim();
    let body;
    if (kind === 'ack') body = comment ? { comment } : {};
    else if (kind === 'comment') body = { comment };
    else body = { minutes: Number(form.minutes.value), reason: form.reason.value.trim() };
    const ok = $('#action-ok');
    ok.disabled = true;
    try {
      await act(alarm, kind === 'ack' ? 'ack' : kind, body, t(kind));
      $('#action').close();
      pending = null;
    } catch (e) {
      $('#action-error').textContent = e.message;
    } finally {
      ok.disabled = false;
    }
  });
  $('#action-cancel').addEventListener('click', () => { $('#action').close(); pending = null; });

  // ---- the history ----------------------------------------------------------------------------
  function filters() {
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
    const rules = [...new Set([...settings.rules.map(r => r.id), ...[...alarms.values()].map(a => a.rule)])];
    select($('#f-rule'), rules, r => `${word(RULES, r)} (${r})`);
    select($('#f-area'), areas.map(a => a.slug), areaName);
  }

  /** A datetime-local value, read as WITA (the room's clock), with its offset. */
  const witaTime = v => (v ? (v.length === 16 ? v + ':00' : v) + city.offset : '');

  async function searchHistory() {
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
      lastHistory = await api('GET', '/api/v1/alarms?' + q);
      renderHistory();
      say('');
    } catch (e) {
      say(e.message);
    }
  }

  function renderHistory() {
    const body = $('#history-table tbody');
    body.replaceChildren(...lastHistory.map(a => {
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
    $('#history-count').textContent = t('found').replace('{n}', lastHistory.length);
  }

  $('#filters').addEventListener('submit', ev => { ev.preventDefault(); searchHistory(); });

  function show(which) {
    tab = which;
    document.querySelectorAll('.tab').forEach(b => b.setAttribute('aria-selected', String(b.dataset.tab === which)));
    $('#open').hidden = which !== 'open';
    $('#history').hidden = which !== 'history';
    $('#walls').hidden = which !== 'walls';
    if (which === 'history' && !lastHistory.length) searchHistory();
    if (which === 'walls') refreshWalls();
  }
  document.querySelectorAll('.tab').forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));

  // ---- the wall pages: GET /api/v1/walls every few seconds (each page reports what it rendered; docs/wall-protocol.md)
  const WALLS_EVERY_MS = 5000;
  let walls = null; // the last answer, or null before the first
  let wallsAt = null;
  let wallsError = null;

  async function refreshWalls() {
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
  function renderWalls() {
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

  // ---- one alarm's detail: its fields, its events, its tile's recent values, its place ---------------
  async function openDetail(id) {
    detailId = id;
    $('#detail').hidden = false;
    document.body.classList.add('with-detail');
    document.querySelectorAll('#alarms tbody tr').forEach(r => r.classList.toggle('selected', r.dataset.alarmId === String(id)));
    await refreshDetail();
  }

  async function refreshDetail() {
    const id = detailId;
    if (id === null) return;
    try {
      const [a, history] = await Promise.all([api('GET', `/api/v1/alarms/${encodeURIComponent(id)}`), recentValues()]);
      if (detailId !== id) return;
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
    const tile = tiles.get(a.tile) || [...tiles.values()].find(x => x.source === a.source && x.kind !== 'worst');
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
    svg.setAttribute('aria-label', `${(tile.title && (tile.title[lang] || tile.title.id)) || tile.id}: ${points.length}`);
  }

  /** The kelurahan as dots, the alarm's own marked and named. */
  function place(a) {
    const svg = $('#d-map');
    svg.replaceChildren();
    if (!areas.length) return;
    const W = 300, H = 260, P = 24;
    const lats = areas.map(x => x.lat);
    const lons = areas.map(x => x.lon);
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
    alarms.forEach(x => {
      if (x.area && x.state !== 'shelved' && x.state !== 'out-of-service') worst.set(x.area, Math.max(worst.get(x.area) || 0, x.severity));
    });
    for (const ar of areas) {
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
    const mine = areas.find(ar => ar.slug === a.area);
    if (mine) {
      const x = X(mine.lon);
      add('text', { x: x > W / 2 ? x - 16 : x + 16, y: Y(mine.lat) + 5, class: 'label', 'text-anchor': x > W / 2 ? 'end' : 'start' }, mine.name);
    }
  }

  $('#d-close').addEventListener('click', () => {
    detailId = null;
    $('#detail').hidden = true;
    document.body.classList.remove('with-detail');
    document.querySelectorAll('#alarms tbody tr.selected').forEach(r => r.classList.remove('selected'));
  });

  // ---- the socket: the same as the wall's, never limited to a time window ----------------------------
  function setConnection(state) {
    const conn = $('#conn');
    conn.dataset.state = state;
    conn.querySelector('.text').textContent = t(state);
  }

  function applyAlarms(list) {
    let touched = false;
    for (const a of list || []) {
      const id = String(a.id);
      if (a.state === 'closed') alarms.delete(id);
      else alarms.set(id, a);
      if (detailId !== null && String(detailId) === id) touched = true;
    }
    if (touched) {
      clearTimeout(detailTimer);
      detailTimer = setTimeout(refreshDetail, 250);
    }
  }

  function connect() {
    setConnection('connecting');
    const base = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/wall`;
    // client=console: a console is not a wall (GET /api/v1/walls lists walls, and a console in a background tab
    // must not raise the wall-frozen alarm).
    const socket = new WebSocket(seq === null ? `${base}?client=console` : `${base}?client=console&since=${seq}`);
    ws = socket;
    socket.onmessage = ev => {
      lastMessage = Date.now();
      const m = JSON.parse(ev.data);
      if (m.type === 'heartbeat') {
        setConnection('live');
        return;
      }
      if (m.type !== 'snapshot' && m.type !== 'delta' && m.type !== 'alarms') return;
      if (m.type !== 'snapshot' && seq !== null && m.seq <= seq) return; // never go backwards
      seq = m.seq;
      if (m.type === 'snapshot') {
        tiles.clear();
        alarms.clear();
        summary = null;
      }
      (m.tiles || []).forEach(x => tiles.set(x.id, x));
      if (m.type !== 'delta' || m.alarms || m.alarmSummary) { // a delta coalesced for a page behind may carry alarms
        applyAlarms(m.alarms || []);
        if (m.alarmSummary) summary = m.alarmSummary;
        renderOpen();
      }
      setConnection('live');
    };
    socket.onclose = event => {
      if (ws !== socket) return;
      ws = null;
      setConnection('down');
      // A session that ended: to the sign-in page; a role taken away: the page says so rather than retrying for ever.
      window.pantauSession.closed(event, '/api/v1/alarms/summary', () => say(t('signedOut')));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
    socket.onopen = () => { retry = 1000; lastMessage = Date.now(); };
  }

  // Silence for three heartbeats means a dead connection; ages move on.
  setInterval(() => {
    if (ws && ws.readyState === WebSocket.OPEN && Date.now() - lastMessage > 15000) ws.close();
    document.querySelectorAll('#alarms td.raised').forEach(td => {
      const a = td.querySelector('.age');
      if (a && td.dataset.at) a.textContent = age(td.dataset.at);
    });
  }, 5000);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    $('#action-minutes span').textContent = t('minutes').replace('{max}', settings.maxShelveMinutes);
    $('#lang').textContent = t('switchTo');
    setConnection($('#conn').dataset.state);
    filters();
    renderOpen();
    renderHistory();
    renderWalls();
    if (detailId !== null) refreshDetail();
  }

  $('#lang').addEventListener('click', () => {
    lang = lang === 'id' ? 'en' : 'id';
    localStorage.setItem('pantau.lang', lang);
    applyLanguage();
  });

  /** What the server takes (GET /api/v1/alarms/settings): the catalog's rules, the longest shelving, comment, reason. */
  function applySettings(s) {
    if (s && Array.isArray(s.rules)) settings = s;
    const form = $('#action-form');
    form.minutes.max = String(settings.maxShelveMinutes);
    form.comment.maxLength = settings.maxCommentLength;
    form.reason.maxLength = settings.maxReasonLength;
  }

  const json = url => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : null)).catch(() => null);
  city.ready.then(applyLanguage); // times drawn before the city's zone was known are drawn again in it
  Promise.all([json('/api/v1/areas'), json('/api/v1/alarms/settings')]).then(([a, s]) => {
    areas = Array.isArray(a) ? a : [];
    applySettings(s);
    applyLanguage();
    show(['history', 'walls'].includes(params.get('tab')) ? params.get('tab') : 'open');
    refreshWalls();
    connect();
  });
})();
