// The admin page over /api/v1/users, /api/v1/displays and /api/v1/audit (the session cookie signs the requests in),
// in Bahasa Indonesia or English, its times in the city's own zone (city.js), as the wall and the console.
import { city } from './city.js';
import { createI18n } from './js/i18n.js';
import { json, when as formatWhen } from './js/api.js';

const TEXT = {
  id: {
    title: 'admin', signOut: 'Keluar', switchTo: 'English', users: 'Pengguna', displays: 'Layar', audit: 'Jejak audit',
    thUser: 'pengguna', thRole: 'peran', thState: 'keadaan', thLabel: 'label', thLastSeen: 'terakhir terlihat',
    thFrom: 'dari', thTime: 'waktu', thWho: 'siapa', thWhat: 'apa', thSubject: 'subjek', thDetail: 'rincian',
    phUser: 'nama pengguna', phPassword: 'kata sandi (12+ karakter)', phLabel: 'label, mis. Dinding kiri',
    createUser: 'Buat pengguna', createDisplay: 'Buat layar', active: 'aktif', disabled: 'nonaktif',
    lockedUntil: 'terkunci sampai {t}', enable: 'Aktifkan', disable: 'Nonaktifkan', resetPassword: 'Atur ulang kata sandi',
    newPassword: 'Kata sandi baru untuk {u} (12+ karakter)', never: 'belum pernah', revoke: 'Cabut',
    tokenOnce: 'Buka sekali di kios ini (hanya ditampilkan sekarang): {link}'
  },
  en: {
    title: 'admin', signOut: 'Sign out', switchTo: 'Bahasa Indonesia', users: 'Users', displays: 'Displays', audit: 'Audit trail',
    thUser: 'user', thRole: 'role', thState: 'state', thLabel: 'label', thLastSeen: 'last seen',
    thFrom: 'from', thTime: 'time', thWho: 'who', thWhat: 'what', thSubject: 'subject', thDetail: 'detail',
    phUser: 'user name', phPassword: 'password (12+ characters)', phLabel: 'label, e.g. Wall left',
    createUser: 'Create user', createDisplay: 'Create display', active: 'active', disabled: 'disabled',
    lockedUntil: 'locked until {t}', enable: 'Enable', disable: 'Disable', resetPassword: 'Reset password',
    newPassword: 'New password for {u} (12+ characters)', never: 'never', revoke: 'Revoke',
    tokenOnce: 'Open this once on the kiosk (shown only now): {link}'
  }
};
const ROLES = ['viewer', 'operator', 'analyst', 'steward', 'admin'];

const i18n = createI18n(TEXT);
const { t } = i18n;
const $ = s => document.querySelector(s);
const say = text => { $('#message').textContent = text || ''; };
const when = iso => formatWhen(i18n, iso);
const api = json;
const cell = (row, text) => { const td = row.insertCell(); td.textContent = text ?? ''; return td; };
const button = (td, label, action, danger) => {
  const b = document.createElement('button');
  b.textContent = label;
  if (danger) b.className = 'danger';
  b.addEventListener('click', () => action().then(load).catch(e => say(e.message)));
  td.append(b, ' ');
};

function translate() {
  i18n.translatePage();
  document.querySelectorAll('[data-i18n-placeholder]').forEach(e => { e.placeholder = t(e.dataset.i18nPlaceholder); });
}

function users() {
  return api('GET', '/api/v1/users').then(list => {
    const body = $('#users tbody');
    body.replaceChildren();
    for (const u of list) {
      const row = body.insertRow();
      row.dataset.user = u.username;
      cell(row, u.username);
      cell(row, u.role.toLowerCase());
      cell(row, u.disabled ? t('disabled') : u.lockedUntil ? t('lockedUntil').replace('{t}', when(u.lockedUntil)) : t('active'));
      const actions = cell(row, '');
      const role = document.createElement('select');
      for (const r of ROLES) role.add(new Option(r, r, false, r === u.role.toLowerCase()));
      role.addEventListener('change', () => api('PATCH', `/api/v1/users/${u.username}`, { role: role.value }).then(load).catch(e => say(e.message)));
      actions.append(role, ' ');
      button(actions, u.disabled ? t('enable') : t('disable'), () => api('PATCH', `/api/v1/users/${u.username}`, { disabled: !u.disabled }), !u.disabled);
      button(actions, t('resetPassword'), () => {
        const password = prompt(t('newPassword').replace('{u}', u.username));
        return password ? api('PATCH', `/api/v1/users/${u.username}`, { password }) : Promise.resolve();
      });
    }
  });
}

function displays() {
  return api('GET', '/api/v1/displays').then(list => {
    const body = $('#displays tbody');
    body.replaceChildren();
    for (const d of list.filter(x => !x.revokedAt)) {
      const row = body.insertRow();
      cell(row, d.label);
      cell(row, d.lastSeenAt ? when(d.lastSeenAt) : t('never'));
      cell(row, d.lastAddress);
      button(cell(row, ''), t('revoke'), () => api('DELETE', `/api/v1/displays/${d.id}`), true);
    }
  });
}

function audit() {
  return api('GET', '/api/v1/audit?limit=50').then(events => {
    const body = $('#audit tbody');
    body.replaceChildren();
    for (const e of events) {
      const row = body.insertRow();
      row.dataset.time = e.time;
      [when(e.time), e.actor, e.action, e.subject, e.address, e.detail].forEach(v => cell(row, v));
    }
  });
}

function load() {
  for (const part of [users, displays, audit]) part().catch(e => say(e.message));
}

$('#lang').addEventListener('click', () => { i18n.toggle(); translate(); load(); });
$('#new-user').addEventListener('submit', event => {
  event.preventDefault();
  const f = new FormData(event.target);
  api('POST', '/api/v1/users', { username: f.get('username'), role: f.get('role'), password: f.get('password') })
    .then(() => { event.target.reset(); say(''); load(); }).catch(e => say(e.message));
});
$('#new-display').addEventListener('submit', event => {
  event.preventDefault();
  api('POST', '/api/v1/displays', { label: new FormData(event.target).get('label') }).then(created => {
    const link = `${location.origin}/display.html#${created.token}`;
    $('#token').hidden = false;
    $('#token').textContent = t('tokenOnce').replace('{link}', link);
    event.target.reset();
    load();
  }).catch(e => say(e.message));
});
translate();
city.ready.then(load);
