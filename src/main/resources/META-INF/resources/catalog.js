// The stewards' page over /api/v1/catalog: the devices with when each was last heard, a device added with the
// server's own checks shown next to the field they name, and the versions with a way back. A change is a new catalog
// version, which every instance applies within seconds, without a restart (the banner says which one this server runs).
import { city } from './city.js';
import { createI18n } from './js/i18n.js';
import { call, when as formatWhen } from './js/api.js';

const TEXT = {
  id: {
    title: 'katalog', signOut: 'Keluar', switchTo: 'English', devices: 'Perangkat', versions: 'Versi katalog',
    search: 'cari id, nama, jenis, kelurahan', thId: 'id', thName: 'nama', thKind: 'jenis', thArea: 'kelurahan',
    thLastSeen: 'terakhir terdengar', thState: 'keadaan', thWhen: 'kapan', thWho: 'siapa', thWhat: 'perubahan',
    addDevice: 'Tambah perangkat', fId: 'id (huruf kecil, angka, -)', fLevels: 'ambang (cm)', add: 'Tambah',
    planned: 'direncanakan', active: 'aktif', maintenance: 'perawatan', retired: 'dipensiunkan', offline: 'offline', silentFor: 'diam {n}', restore: 'Kembalikan',
    running: 'berjalan', banner: 'Versi terbaru {v}; server ini menjalankan {r}. Perubahan berlaku di semua server dalam beberapa detik, tanpa mulai ulang.',
    bannerFile: 'Katalog disimpan dalam berkas {f}: ubah berkasnya.', added: 'Perangkat {id} ditambahkan: versi {v}.',
    restored: 'Versi {o} dicatat lagi sebagai versi {v}.', fileVersion: 'berkas',
    ago: '{n} lalu', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari'
  },
  en: {
    title: 'catalog', signOut: 'Sign out', switchTo: 'Bahasa Indonesia', devices: 'Devices', versions: 'Catalog versions',
    search: 'search id, name, kind, kelurahan', thId: 'id', thName: 'name', thKind: 'kind', thArea: 'kelurahan',
    thLastSeen: 'last heard', thState: 'state', thWhen: 'when', thWho: 'who', thWhat: 'changes',
    addDevice: 'Add a device', fId: 'id (lower case, digits, -)', fLevels: 'levels (cm)', add: 'Add',
    planned: 'planned', active: 'active', maintenance: 'maintenance', retired: 'retired', offline: 'offline', silentFor: 'silent {n}', restore: 'Restore',
    running: 'running', banner: 'Newest version {v}; this server runs {r}. A change takes effect on every server within seconds, without a restart.',
    bannerFile: 'The catalog is kept in the file {f}: change the file.', added: 'Device {id} added: version {v}.',
    restored: 'Version {o} recorded again as version {v}.', fileVersion: 'the file',
    ago: '{n} ago', s: 's', m: 'min', h: 'h', d: 'd'
  }
};

const i18n = createI18n(TEXT);
const { t } = i18n;
const $ = s => document.querySelector(s);
const say = text => { $('#message').textContent = text || ''; };
const when = iso => formatWhen(i18n, iso);
const page = { catalog: null, etag: null, activity: new Map(), versions: [] };

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
  for (const d of page.catalog.devices || []) {
    const area = (page.catalog.areas || []).find(a => a.slug === d.area);
    const text = [d.id, d.name, d.kind, d.area, area && area.name].join(' ').toLowerCase();
    if (q && !text.includes(q)) continue;
    const row = body.insertRow();
    row.dataset.device = d.id;
    const a = page.activity.get(d.id);
    [d.id, d.name, d.kind, area ? area.name : d.area, when(a && a.lastSeen), state(d.id, d.state)].forEach(v => cell(row, v));
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
    if (i > 0) {
      const b = document.createElement('button');
      b.textContent = t('restore');
      b.addEventListener('click', () => restore(v.version).catch(e => say(e.message)));
      actions.append(b);
    }
  });
  const newest = page.versions[0];
  const running = page.versions.find(v => v.running);
  $('#version').textContent = newest ? t('banner').replace('{v}', newest.version).replace('{r}', running ? running.version : t('fileVersion'))
    : page.catalog ? t('bannerFile').replace('{f}', 'PANTAU_CATALOG') : '';
}

async function restore(number) {
  const old = await call('GET', `/api/v1/catalog/versions/${number}`, { accept: 'application/yaml' });
  const { answer } = await call('PUT', `/api/v1/catalog?summary=${encodeURIComponent('#' + number)}`,
    { body: old.answer, type: 'application/yaml', ifMatch: page.etag });
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

$('#new-device').addEventListener('submit', async event => {
  event.preventDefault();
  document.querySelectorAll('#new-device .problem').forEach(e => { e.textContent = ''; });
  const f = new FormData(event.target);
  const device = { id: f.get('id').trim(), kind: f.get('kind'), area: f.get('area'), name: f.get('name').trim() };
  const levels = ['waspada', 'siaga', 'awas'].filter(k => f.get(k) !== '');
  if (levels.length) device.levels = Object.fromEntries(levels.map(k => [k, Number(f.get(k))]));
  try {
    const { answer } = await call('POST', '/api/v1/catalog/devices', { body: JSON.stringify(device), type: 'application/json', ifMatch: page.etag });
    event.target.reset();
    say(t('added').replace('{id}', device.id).replace('{v}', answer.version));
    await load();
  } catch (e) {
    if (e.answer && e.answer.problems) problems(e.answer.problems); else say(e.message);
  }
});
$('#search').addEventListener('input', devices);
$('#lang').addEventListener('click', () => { i18n.toggle(); translate(); devices(); versions(); });

function translate() {
  i18n.translatePage();
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

async function load() {
  const [catalog, activity, list] = await Promise.all([call('GET', '/api/v1/catalog'),
    call('GET', '/api/v1/catalog/activity'), call('GET', '/api/v1/catalog/versions')]);
  page.catalog = catalog.answer;
  page.etag = catalog.etag;
  page.activity = new Map(activity.answer.map(a => [a.id, a]));
  page.versions = list.answer;
  choices();
  devices();
  versions();
}

translate();
city.ready.then(load).catch(e => say(e.message));
