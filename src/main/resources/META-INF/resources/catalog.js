// The stewards' page over /api/v1/catalog: the devices with when each was last heard (a click shows its readings and
// its broker login: js/catalog/device.js), a device added with the server's own checks shown next to the field they
// name, tiles and alarm rules in a YAML editor checked as you type (js/catalog/editor.js), and the versions with their
// changes and a way back. A change is a new catalog
// version, which every instance applies within seconds, without a restart (the banner says which one this server runs).
import { city } from './city.js';
import { createI18n } from './js/i18n.js';
import { call, when as formatWhen } from './js/api.js';
import { showSource } from './js/catalog/device.js';
import { loadEditor, startEditor } from './js/catalog/editor.js';
import { showConnectors } from './js/catalog/connectors.js';

const TEXT = {
  id: {
    title: 'katalog', signOut: 'Keluar', switchTo: 'English', devices: 'Perangkat dan umpan', versions: 'Versi katalog',
    search: 'cari id, nama, jenis, kelurahan', thId: 'id', thName: 'nama', thKind: 'jenis', thArea: 'kelurahan',
    thLastSeen: 'terakhir terdengar', thState: 'keadaan', thWhen: 'kapan', thWho: 'siapa', thWhat: 'perubahan',
    addDevice: 'Tambah perangkat', fId: 'id (huruf kecil, angka, -)', fLevels: 'ambang (cm)', add: 'Tambah',
    planned: 'direncanakan', active: 'aktif', maintenance: 'perawatan', retired: 'dipensiunkan', offline: 'offline', silentFor: 'diam {n}', restore: 'Kembalikan',
    running: 'berjalan', banner: 'Versi terbaru {v}; server ini menjalankan {r}. Perubahan berlaku di semua server dalam beberapa detik, tanpa mulai ulang.',
    bannerFile: 'Katalog disimpan dalam berkas {f}: ubah berkasnya.', added: 'Perangkat {id} ditambahkan: versi {v}.',
    restored: 'Versi {o} dicatat lagi sebagai versi {v}.', fileVersion: 'berkas',
    ago: '{n} lalu', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari',
    thMetric: 'besaran', thValue: 'nilai', noReadings: 'Belum ada bacaan tersimpan.', issue: 'Buat rahasia login broker baru',
    issueConfirm: 'Rahasia lama {id} berhenti berlaku dan sambungannya ditutup. Lanjutkan?',
    shownOnce: 'Ditampilkan sekali saja: Pantau tidak menyimpan salinannya. Berikan kepada pemasang perangkat.',
    username: 'nama pengguna', clientId: 'client id', password: 'kata sandi', topics: 'boleh menerbitkan ke',
    loginsManaged: 'Pantau membuat login broker tiap perangkat (terikat pada id-nya, hanya untuk topiknya sendiri).',
    loginsElsewhere: 'Login broker dikelola di tempat lain: {why}', tilesRules: 'Tile dan aturan alarm (YAML)',
    yamlNote: 'Seluruh katalog; diperiksa server saat Anda mengetik, disimpan sebagai versi baru.',
    yamlProblems: '{n} masalah: belum bisa disimpan.', yamlValid: 'Valid: {what}', yamlSaved: 'Disimpan sebagai versi {v}.',
    connectors: 'Konektor', connectorsNote: 'Sumber yang tidak berbicara JSON Pantau: server jaringan LoRaWAN, JSON vendor, umpan yang ditarik. Diatur di YAML (connectors:).',
    thType: 'jenis', thFrom: 'dari', thMessages: 'pesan / ditolak', thLastMessage: 'pesan terakhir', thLastRefusal: 'penolakan terakhir',
    thPolling: 'penarikan', noConnectors: 'Belum ada konektor.', every: 'tiap', failing: 'gagal', next: 'coba lagi', ok: 'berhasil',
    otherServer: 'ditarik server lain', noSecret: 'rahasia belum diatur',
    save: 'Simpan', feed: 'umpan', edit: 'Ubah', cancel: 'Batal', editDevice: 'Ubah perangkat {id}', changedDevice: 'Perangkat {id} diubah: versi {v}.', changes: 'Perubahan', wasAdded: 'ditambah', wasChanged: 'diubah', wasRemoved: 'dihapus'
  },
  en: {
    title: 'catalog', signOut: 'Sign out', switchTo: 'Bahasa Indonesia', devices: 'Devices and feeds', versions: 'Catalog versions',
    search: 'search id, name, kind, kelurahan', thId: 'id', thName: 'name', thKind: 'kind', thArea: 'kelurahan',
    thLastSeen: 'last heard', thState: 'state', thWhen: 'when', thWho: 'who', thWhat: 'changes',
    addDevice: 'Add a device', fId: 'id (lower case, digits, -)', fLevels: 'levels (cm)', add: 'Add',
    planned: 'planned', active: 'active', maintenance: 'maintenance', retired: 'retired', offline: 'offline', silentFor: 'silent {n}', restore: 'Restore',
    running: 'running', banner: 'Newest version {v}; this server runs {r}. A change takes effect on every server within seconds, without a restart.',
    bannerFile: 'The catalog is kept in the file {f}: change the file.', added: 'Device {id} added: version {v}.',
    restored: 'Version {o} recorded again as version {v}.', fileVersion: 'the file',
    ago: '{n} ago', s: 's', m: 'min', h: 'h', d: 'd',
    thMetric: 'metric', thValue: 'value', noReadings: 'No stored readings yet.', issue: 'Issue a new broker secret',
    issueConfirm: "{id}'s old secret stops working and its connection is closed. Go on?",
    shownOnce: 'Shown once: Pantau keeps no copy. Hand it to whoever installs the device.',
    username: 'user name', clientId: 'client id', password: 'password', topics: 'may publish to',
    loginsManaged: "Pantau makes each device's broker login (bound to its id, for its own topics only).",
    loginsElsewhere: "The broker's logins are managed elsewhere: {why}", tilesRules: 'Tiles and alarm rules (YAML)',
    yamlNote: 'The whole catalog; checked by the server as you type, saved as a new version.',
    yamlProblems: '{n} problems: cannot be saved yet.', yamlValid: 'Valid: {what}', yamlSaved: 'Saved as version {v}.',
    connectors: 'Connectors', connectorsNote: "Sources that do not speak Pantau's JSON: LoRaWAN network servers, vendors' JSON, polled feeds. Set in the YAML (connectors:).",
    thType: 'type', thFrom: 'from', thMessages: 'messages / refused', thLastMessage: 'last message', thLastRefusal: 'last refusal',
    thPolling: 'polling', noConnectors: 'No connectors yet.', every: 'every', failing: 'failing', next: 'next attempt', ok: 'succeeded',
    otherServer: 'polled by another server', noSecret: 'no secret configured',
    save: 'Save', feed: 'feed', edit: 'Edit', cancel: 'Cancel', editDevice: 'Edit device {id}', changedDevice: 'Device {id} changed: version {v}.', changes: 'Changes', wasAdded: 'added', wasChanged: 'changed', wasRemoved: 'removed'
  }
};

const i18n = createI18n(TEXT);
const { t } = i18n;
const $ = s => document.querySelector(s);
const say = text => { $('#message').textContent = text || ''; };
const when = iso => formatWhen(i18n, iso);
const page = { catalog: null, etag: null, activity: new Map(), versions: [], logins: { managed: false }, editing: null };
const ctx = { t, when, say };

const cell = (row, text) => { const td = row.insertCell(); td.textContent = text ?? ''; return td; };

function state(id, declared) {
  if (declared === 'maintenance' || declared === 'retired') return t(declared);
  const a = page.activity.get(id);
  if (!a || !a.lastSeen) return t('planned');
  if (a.online === false) return t('offline');
  const silent = Date.now() - Date.parse(a.lastSeen);
  return silent > 15 * 60_000 ? t('silentFor').replace('{n}', i18n.ago(silent).replace(/ (lalu|ago)$/, '')) : t('active');
}

function devices() {
  const body = $('#devices tbody');
  const q = $('#search').value.trim().toLowerCase();
  body.replaceChildren();
  // Devices, then the agencies' feeds (their kind is "feed", their agency beside their name).
  const entries = [...(page.catalog.devices || []).map(d => ['devices', d, d.kind]),
    ...(page.catalog.feeds || []).map(f => ['feeds', f, t('feed')])];
  for (const [section, d, kind] of entries) {
    const area = (page.catalog.areas || []).find(a => a.slug === d.area);
    const name = d.agency ? `${d.name} (${d.agency})` : d.name;
    const text = [d.id, name, kind, d.area, area && area.name].join(' ').toLowerCase();
    if (q && !text.includes(q)) continue;
    const row = body.insertRow();
    row.dataset[section === 'feeds' ? 'feed' : 'device'] = d.id;
    const a = page.activity.get(d.id);
    [d.id, name, kind, area ? area.name : d.area || '—', when(a && a.lastSeen), state(d.id, d.state)].forEach(v => cell(row, v));
    row.addEventListener('click', () => showSource(ctx, section, d.id, page.logins).catch(e => say(e.message)));
  }
}

function choices() {
  const kind = $('#new-device [name=kind]');
  const area = $('#new-device [name=area]');
  if (kind.options.length) return;
  Object.keys(page.catalog.kinds || {}).forEach(k => kind.add(new Option(k, k)));
  (page.catalog.areas || []).forEach(a => area.add(new Option(a.name, a.slug)));
}

function versions() {
  const body = $('#versions tbody');
  body.replaceChildren();
  page.versions.forEach((v, i) => {
    const row = body.insertRow();
    row.dataset.version = v.version;
    [v.version + (v.running ? ` (${t('running')})` : ''), when(v.createdAt), v.createdBy, v.summary].forEach(x => cell(row, x));
    const actions = cell(row, '');
    const diff = document.createElement('button');
    diff.textContent = t('changes');
    diff.className = 'diff';
    diff.addEventListener('click', () => changes(v.version).catch(e => say(e.message)));
    actions.append(diff);
    if (i > 0) {
      const b = document.createElement('button');
      b.textContent = t('restore');
      b.className = 'restore';
      b.addEventListener('click', () => restore(v.version).catch(e => say(e.message)));
      actions.append(b);
    }
  });
  const newest = page.versions[0];
  const running = page.versions.find(v => v.running);
  $('#version').textContent = newest ? t('banner').replace('{v}', newest.version).replace('{r}', running ? running.version : t('fileVersion'))
    : page.catalog ? t('bannerFile').replace('{f}', 'PANTAU_CATALOG') : '';
}

/** A version's changes against the one before it, by section: "devices added: x, y". */
async function changes(number) {
  const { answer } = await call('GET', `/api/v1/catalog/versions/${number}`);
  const lines = [];
  for (const [section, c] of Object.entries(answer.changes || {})) {
    for (const kind of ['added', 'changed', 'removed']) {
      if (c && c[kind] && c[kind].length) lines.push(`${section} ${t('was' + kind[0].toUpperCase() + kind.slice(1))}: ${c[kind].join(', ')}`);
    }
  }
  const box = $('#diff');
  box.textContent = `#${number}\n` + (lines.join('\n') || answer.summary || '');
  box.hidden = false;
}

async function restore(number) {
  const { answer } = await call('POST', `/api/v1/catalog/versions/${number}/restore`, { ifMatch: page.etag });
  say(t('restored').replace('{o}', number).replace('{v}', answer.version));
  await load();
}

/** Each problem of a 422 next to the field it names ("devices[103] 'x'.area: …"), the rest in the message line. */
function problems(list) {
  const rest = [];
  for (const p of list) {
    const m = /^devices\[\d+\][^:]*?\.(\w+)(?:\.\w+)*: (.*)$/.exec(p);
    const slot = m && document.querySelector(`#new-device .problem[data-for="${m[1]}"]`);
    if (slot) slot.textContent = m[2]; else rest.push(p);
  }
  say(rest.join('; '));
}

/** The form edits a device (the same checks, the same messages next to the fields) instead of adding one. */
ctx.edit = async id => {
  const { answer } = await call('GET', `/api/v1/catalog/devices/${encodeURIComponent(id)}`);
  const form = $('#new-device');
  page.editing = answer;
  form.elements.id.value = answer.id;
  form.elements.id.readOnly = true;
  form.elements.name.value = answer.name || '';
  form.elements.kind.value = answer.kind;
  form.elements.area.value = answer.area || '';
  for (const k of ['waspada', 'siaga', 'awas']) form.elements[k].value = answer.levels && answer.levels[k] !== undefined ? answer.levels[k] : '';
  form.elements.state.value = answer.state || '';
  editing(true);
  form.scrollIntoView();
};

function editing(on) {
  if (!on) {
    page.editing = null;
    $('#new-device').reset();
    $('#new-device').elements.id.readOnly = false;
  }
  $('#cancel-edit').hidden = !on;
  $('#submit-device').dataset.i18n = on ? 'save' : 'add';
  const title = $('#device-form-title');
  if (on) delete title.dataset.i18n; else title.dataset.i18n = 'addDevice';
  title.textContent = on ? t('editDevice').replace('{id}', page.editing.id) : t('addDevice');
  $('#submit-device').textContent = t(on ? 'save' : 'add');
}
$('#cancel-edit').addEventListener('click', () => editing(false));

$('#new-device').addEventListener('submit', async event => {
  event.preventDefault();
  document.querySelectorAll('#new-device .problem').forEach(e => { e.textContent = ''; });
  const f = new FormData(event.target);
  // An edit keeps what the form does not show (units, silentAfter, …).
  const device = Object.assign({}, page.editing || {},
    { id: f.get('id').trim(), kind: f.get('kind'), area: f.get('area'), name: f.get('name').trim() });
  delete device.levels;
  delete device.state;
  const levels = ['waspada', 'siaga', 'awas'].filter(k => f.get(k) !== '');
  if (levels.length) device.levels = Object.fromEntries(levels.map(k => [k, Number(f.get(k))]));
  if (f.get('state')) device.state = f.get('state');
  const body = { body: JSON.stringify(device), type: 'application/json', ifMatch: page.etag };
  try {
    const { answer } = page.editing
      ? await call('PUT', `/api/v1/catalog/devices/${encodeURIComponent(device.id)}`, body)
      : await call('POST', '/api/v1/catalog/devices', body);
    say(t(page.editing ? 'changedDevice' : 'added').replace('{id}', device.id).replace('{v}', answer.version));
    editing(false);
    await load();
  } catch (e) {
    if (e.answer && e.answer.problems) problems(e.answer.problems); else say(e.message);
  }
});
$('#search').addEventListener('input', devices);
$('#lang').addEventListener('click', () => { i18n.toggle(); translate(); devices(); versions(); showConnectors(ctx, page.logins).catch(() => {}); });

function translate() {
  i18n.translatePage();
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

async function load() {
  const [catalog, activity, list, logins] = await Promise.all([call('GET', '/api/v1/catalog'),
    call('GET', '/api/v1/catalog/activity'), call('GET', '/api/v1/catalog/versions'), call('GET', '/api/v1/catalog/broker-logins')]);
  page.logins = logins.answer;
  page.catalog = catalog.answer;
  page.etag = catalog.etag;
  page.activity = new Map(activity.answer.map(a => [a.id, a]));
  page.versions = list.answer;
  choices();
  devices();
  versions();
  await showConnectors(ctx, page.logins);
  await loadEditor(ctx); // unless it holds unsaved changes
}

translate();
startEditor(ctx, load);
city.ready.then(load).catch(e => say(e.message));
// A pull feed's state changes by itself: read again every 10 s
setInterval(() => showConnectors(ctx, page.logins).catch(() => {}), 10_000);
