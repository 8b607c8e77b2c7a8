// "My notifications", for operators, analysts and stewards (and admins; viewers and displays have none): where Pantau may reach me (email, Telegram chat, the messages' language)
// and which alarms I want to hear of (GET/PUT /api/v1/notifications/me: the whole document, the server's problem shown
// next to the form and at the field it names). An administrator also sees the rules that notify groups, rosters and
// webhooks (notifications-rules.js). The kelurahan come from the catalog (GET /api/v1/areas, as the wall and the
// console), the channels and the Telegram bot's name from GET /api/v1/notifications/status when this user may read it
// (operators and up).
import { city } from './city.js';
import { createI18n } from './js/i18n.js';
import { call, json } from './js/api.js';
import { startRules } from './notifications-rules.js';

const TEXT = {
  id: {
    title: 'notifikasi', signOut: 'Keluar', switchTo: 'English', navConsole: 'Konsol operator',
    memory: 'Notifikasi disimpan di memori: yang masih tertunda hilang saat server dimulai ulang (tanpa basis data)',
    channelsOff: 'Saluran yang belum diatur di server ini: {list}', notConfigured: 'belum diatur',
    mine: 'Notifikasi saya', contacts: 'Cara menghubungi saya', email: 'Email', telegram: 'ID chat Telegram', language: 'Bahasa pesan',
    telegramHint: 'Di Telegram, tulis ke bot {bot} lalu kirim /start agar bot boleh mengirimi Anda pesan; tanyakan ID chat Anda (angka) ke @userinfobot atau admin, lalu isi di sini.',
    dailySummary: 'Kirimi saya ringkasan harian alarm lewat email setiap pagi',
    theBot: 'bot Pantau kota',
    subscriptions: 'Langganan', subscriptionsNote: 'Saya diberi tahu tentang alarm yang cocok dengan salah satu langganan. Kosong = semua.',
    noSubscriptions: 'Belum ada langganan: Anda hanya diberi tahu bila aturan kota menyebut Anda.',
    addSubscription: 'Tambah langganan', remove: 'Hapus', save: 'Simpan', saved: 'Tersimpan.',
    severityAtLeast: 'Tingkat minimal', areas: 'Kelurahan (tidak dicentang = semua)', channels: 'Saluran',
    ruleIds: 'Aturan alarm (id, pisahkan dengan koma)', dimensions: 'Dimensi (pisahkan dengan koma)', sources: 'Sumber (perangkat/umpan, pisahkan dengan koma)',
    subscription: 'Langganan {n}', noChannel: 'Pilih setidaknya satu saluran.', noArea: 'Katalog belum punya kelurahan.',
    problemAt: '{detail} ({field})', sev1: 'Rendah', sev2: 'Sedang', sev3: 'Tinggi', sev4: 'Kritis',
    rules: 'Aturan notifikasi (admin)', rulesNote: 'Seluruh pengaturan sebagai JSON: aturan, grup, jadwal piket, webhook. Penerima: user:<nama>, group:<id>, role:<peran>, roster:<id>, telegram:<chat id>, email:<alamat>, webhook:<id>.',
    reload: 'Muat ulang', summary: 'Ringkasan', onDuty: 'Sedang piket', thRule: 'Aturan', thWhen: 'Kapan', thTiers: 'Tahap',
    thReminders: 'Pengingat', thRoster: 'Jadwal piket', thOnDuty: 'Piket sekarang', nobody: 'tidak ada',
    version: 'Versi {v}', persistent: 'disimpan di basis data', inMemory: 'disimpan di memori: hilang saat server dimulai ulang',
    settingsSaved: 'Tersimpan sebagai versi {v}.', badJson: 'Bukan JSON yang valid: {detail}',
    conflict: 'Orang lain sudah menyimpan versi yang lebih baru (teks Anda berdasarkan versi {v}). Teks Anda tetap di sini: salin perubahan Anda, tekan Muat ulang, lalu terapkan lagi.',
    discard: 'Buang perubahan yang belum disimpan dan muat versi terbaru?', parsedRules: '{n} aturan · {g} grup · {r} jadwal piket · {w} webhook',
    sevAtLeast: 'tingkat ≥ {n}', anyAlarm: 'semua alarm', afterTier: 'setelah {after}', every: 'tiap {every}', times: '{n} kali',
    ackAfter: 'setelah diakui: {after}', noReminders: '—', noRulesYet: 'Belum ada aturan.', ruleLabel: 'aturan', areaLabel: 'kelurahan',
    dimensionLabel: 'dimensi', sourceLabel: 'sumber'
  },
  en: {
    title: 'notifications', signOut: 'Sign out', switchTo: 'Bahasa Indonesia', navConsole: 'Operator console',
    memory: 'Notifications are kept in memory: pending ones are lost at a restart (no database)',
    channelsOff: 'Channels not configured on this server: {list}', notConfigured: 'not configured',
    mine: 'My notifications', contacts: 'How to reach me', email: 'Email', telegram: 'Telegram chat id', language: 'Language of the messages',
    telegramHint: 'In Telegram, write to the bot {bot} and send /start so that it may write to you; ask @userinfobot or your admin for your chat id (a number), then enter it here.',
    dailySummary: 'Send me a daily summary of the alarms by email every morning',
    theBot: "the city's Pantau bot",
    subscriptions: 'Subscriptions', subscriptionsNote: 'I am told of an alarm that matches any one subscription. Empty = all.',
    noSubscriptions: "No subscription yet: you are told only when the city's rules name you.",
    addSubscription: 'Add a subscription', remove: 'Remove', save: 'Save', saved: 'Saved.',
    severityAtLeast: 'Severity at least', areas: 'Kelurahan (none ticked = all)', channels: 'Channels',
    ruleIds: 'Alarm rules (ids, comma separated)', dimensions: 'Dimensions (comma separated)', sources: 'Sources (devices/feeds, comma separated)',
    subscription: 'Subscription {n}', noChannel: 'Choose at least one channel.', noArea: 'The catalog has no kelurahan yet.',
    problemAt: '{detail} ({field})', sev1: 'Low', sev2: 'Medium', sev3: 'High', sev4: 'Critical',
    rules: 'Notification rules (admin)', rulesNote: 'All settings as JSON: rules, groups, duty rosters, webhooks. Recipients: user:<name>, group:<id>, role:<role>, roster:<id>, telegram:<chat id>, email:<address>, webhook:<id>.',
    reload: 'Reload', summary: 'Summary', onDuty: 'On duty now', thRule: 'Rule', thWhen: 'When', thTiers: 'Tiers',
    thReminders: 'Reminders', thRoster: 'Roster', thOnDuty: 'On duty now', nobody: 'nobody',
    version: 'Version {v}', persistent: 'kept in the database', inMemory: 'kept in memory: lost at a restart',
    settingsSaved: 'Saved as version {v}.', badJson: 'Not valid JSON: {detail}',
    conflict: 'Someone saved a newer version meanwhile (your text is based on version {v}). Your text stays here: copy your changes, press Reload, then apply them again.',
    discard: 'Discard the unsaved changes and load the newest version?', parsedRules: '{n} rules · {g} groups · {r} rosters · {w} webhooks',
    sevAtLeast: 'severity ≥ {n}', anyAlarm: 'every alarm', afterTier: 'after {after}', every: 'every {every}', times: '{n} times',
    ackAfter: 'once acknowledged: {after}', noReminders: '—', noRulesYet: 'No rules yet.', ruleLabel: 'rules', areaLabel: 'kelurahan',
    dimensionLabel: 'dimensions', sourceLabel: 'sources'
  }
};
const CHANNELS = ['email', 'telegram'];
const CHANNEL_NAMES = { email: 'Email', telegram: 'Telegram', webhook: 'Webhook' };

const i18n = createI18n(TEXT);
const { t } = i18n;
const $ = s => document.querySelector(s);
const say = text => { $('#message').textContent = text || ''; };
const page = { me: null, subs: [], areas: [], status: null };

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}
const list = value => String(value || '').split(',').map(s => s.trim()).filter(Boolean);

function translate() {
  i18n.translatePage();
  const bot = page.status && page.status.telegramBot;
  $('#telegram-hint').textContent = t('telegramHint').replace('{bot}', bot ? (bot.startsWith('@') ? bot : '@' + bot) : t('theBot'));
  showStatus();
}

/** The server's state of notifications, when this user may read it: in memory only, channels not configured. */
function showStatus() {
  const s = page.status;
  $('#memory-notice').hidden = !(s && s.persistent === false);
  const off = Object.entries((s && s.channels) || {}).filter(([, on]) => !on).map(([c]) => CHANNEL_NAMES[c] || c);
  $('#channels-off').hidden = off.length === 0;
  $('#channels-off').textContent = off.length ? t('channelsOff').replace('{list}', off.join(', ')) : '';
  $('#nav-console').hidden = !s; // the status answers operators and up, who may open the console
}

const configured = channel => !(page.status && page.status.channels && page.status.channels[channel] === false);

// ---- Subscriptions: drawn from page.subs; read back from the form before anything changes them.

function checkbox(name, value, label, checked, field) {
  const l = el('label', 'check');
  const input = el('input');
  input.type = 'checkbox';
  input.name = name;
  input.value = value;
  input.checked = checked;
  if (field) input.dataset.field = field;
  l.append(input, ' ', label);
  return l;
}

function textField(name, label, values, field) {
  const l = el('label', 'field');
  l.appendChild(el('span', null, label));
  const input = el('input');
  input.name = name;
  input.value = (values || []).join(', ');
  input.dataset.field = field;
  l.appendChild(input);
  return l;
}

function renderSubscriptions() {
  const host = $('#subscriptions');
  host.replaceChildren(...page.subs.map((s, i) => {
    const box = el('fieldset', 'subscription');
    box.dataset.index = String(i);
    box.dataset.field = `subscriptions.${i}`;
    box.appendChild(el('legend', null, t('subscription').replace('{n}', i + 1)));

    const sev = el('label', 'field');
    sev.appendChild(el('span', null, t('severityAtLeast')));
    const select = el('select');
    select.name = 'severityAtLeast';
    select.dataset.field = `subscriptions.${i}.severityAtLeast`;
    [1, 2, 3, 4].forEach(n => select.add(new Option(`≥ ${n} ${t('sev' + n)}`, String(n), false, Number(s.severityAtLeast || 1) === n)));
    sev.appendChild(select);
    box.appendChild(sev);

    const channels = el('div', 'checks channels');
    channels.dataset.field = `subscriptions.${i}.channels`;
    channels.appendChild(el('span', 'label', t('channels')));
    const chosen = new Set(s.channels || []);
    // A channel the server does not know of yet is kept (ticked) rather than dropped on the next save.
    [...new Set([...CHANNELS, ...chosen])].forEach(c => {
      const l = checkbox('channel', c, CHANNEL_NAMES[c] || c, chosen.has(c));
      if (!configured(c)) {
        l.classList.add('off');
        l.appendChild(el('small', 'off-note', ` (${t('notConfigured')})`));
      }
      channels.appendChild(l);
    });
    box.appendChild(channels);

    const areas = el('div', 'checks areas');
    areas.dataset.field = `subscriptions.${i}.areas`;
    areas.appendChild(el('span', 'label', t('areas')));
    const picked = new Set(s.areas || []);
    const known = page.areas.map(a => [a.slug, a.name || a.slug]);
    // An area the catalog no longer has stays ticked, under its id, until the user unticks it.
    [...picked].filter(slug => !known.some(([k]) => k === slug)).forEach(slug => known.push([slug, slug]));
    if (!known.length) areas.appendChild(el('small', 'note', t('noArea')));
    known.forEach(([slug, name]) => areas.appendChild(checkbox('area', slug, name, picked.has(slug))));
    box.appendChild(areas);

    const more = el('div', 'more');
    more.appendChild(textField('rules', t('ruleIds'), s.rules, `subscriptions.${i}.rules`));
    more.appendChild(textField('dimensions', t('dimensions'), s.dimensions, `subscriptions.${i}.dimensions`));
    more.appendChild(textField('sources', t('sources'), s.sources, `subscriptions.${i}.sources`));
    box.appendChild(more);

    const remove = el('button', 'remove-subscription danger', t('remove'));
    remove.type = 'button';
    remove.addEventListener('click', () => {
      readSubscriptions();
      page.subs.splice(i, 1);
      renderSubscriptions();
    });
    box.appendChild(remove);
    return box;
  }));
  $('#no-subscriptions').hidden = page.subs.length > 0;
}

/** The form's subscriptions into page.subs, each keeping the fields this page does not show. */
function readSubscriptions() {
  document.querySelectorAll('#subscriptions .subscription').forEach(box => {
    const i = Number(box.dataset.index);
    const ticked = name => [...box.querySelectorAll(`input[name=${name}]:checked`)].map(x => x.value);
    page.subs[i] = {
      ...page.subs[i],
      severityAtLeast: Number(box.querySelector('[name=severityAtLeast]').value),
      areas: ticked('area'),
      rules: list(box.querySelector('[name=rules]').value),
      dimensions: list(box.querySelector('[name=dimensions]').value),
      sources: list(box.querySelector('[name=sources]').value),
      channels: ticked('channel')
    };
  });
}

// ---- The whole document: loaded, shown, saved.

function show(me) {
  page.me = me || {};
  const c = page.me.contacts || {};
  $('#contact-email').value = c.email || '';
  $('#contact-telegram').value = c.telegram || '';
  $('#contact-language').value = c.language === 'en' ? 'en' : 'id';
  $('#contact-daily').checked = c.dailySummary === true;
  page.subs = Array.isArray(page.me.subscriptions) ? page.me.subscriptions.map(s => ({ ...s })) : [];
  renderSubscriptions();
}

function clearProblem() {
  $('#me-problem').textContent = '';
  document.querySelectorAll('#me-form .invalid').forEach(e => e.classList.remove('invalid'));
  document.querySelectorAll('#me-form [aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
}

/** The element of the form a problem's field names (contacts.email, subscriptions[0].areas, /subscriptions/0/areas, …). */
function fieldElement(field) {
  let path = String(field || '').replace(/^\//, '').replace(/\//g, '.').replace(/\[(\d+)\]/g, '.$1');
  while (path) {
    const found = document.querySelector(`#me-form [data-field="${CSS.escape(path)}"]`);
    if (found) return found;
    path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
  }
  return null;
}

function showProblem(e) {
  const p = e.answer || {};
  const detail = p.detail || p.title || e.message;
  $('#me-problem').textContent = p.field ? t('problemAt').replace('{detail}', detail).replace('{field}', p.field) : detail;
  $('#me-problem').dataset.field = p.field || '';
  const target = p.field && fieldElement(p.field);
  if (target) {
    target.classList.add('invalid');
    target.setAttribute('aria-invalid', 'true');
    if (typeof target.focus === 'function') target.focus();
  }
}

$('#me-form').addEventListener('submit', async event => {
  event.preventDefault();
  clearProblem();
  $('#me-state').textContent = '';
  readSubscriptions();
  const empty = page.subs.findIndex(s => !s.channels.length);
  if (empty >= 0) {
    showProblem({ answer: { detail: t('noChannel'), field: `subscriptions[${empty}].channels` } });
    return;
  }
  const value = id => $(id).value.trim() || null;
  const body = {
    ...page.me,
    contacts: { ...(page.me.contacts || {}), email: value('#contact-email'), telegram: value('#contact-telegram'), language: $('#contact-language').value, dailySummary: $('#contact-daily').checked },
    subscriptions: page.subs
  };
  const save = $('#me-save');
  save.disabled = true;
  try {
    const stored = await json('PUT', '/api/v1/notifications/me', body);
    show(stored && typeof stored === 'object' ? stored : body);
    $('#me-state').textContent = t('saved');
  } catch (e) {
    showProblem(e);
  } finally {
    save.disabled = false;
  }
});

$('#add-subscription').addEventListener('click', () => {
  readSubscriptions();
  const c = { email: $('#contact-email').value.trim(), telegram: $('#contact-telegram').value.trim() };
  page.subs.push({ severityAtLeast: 3, areas: [], rules: [], dimensions: [], sources: [],
    channels: c.telegram && configured('telegram') ? ['telegram'] : c.email || !c.telegram ? ['email'] : ['telegram'] });
  renderSubscriptions();
  const added = document.querySelector('#subscriptions .subscription:last-of-type select');
  if (added) added.focus();
});

$('#lang').addEventListener('click', () => {
  i18n.toggle();
  readSubscriptions();
  translate();
  renderSubscriptions();
  rules.translate();
});

const optional = path => call('GET', path).then(r => r.answer).catch(() => null);
const rules = startRules({ t, say, status: () => page.status });

translate();
// Without the stored document the form stays shut: saving an empty one would erase the user's subscriptions.
const mine = json('GET', '/api/v1/notifications/me').catch(e => { say(e.message); return null; });
Promise.all([mine, optional('/api/v1/areas'), optional('/api/v1/notifications/status')]).then(([me, areas, status]) => {
  page.areas = Array.isArray(areas) ? areas : [];
  page.status = status;
  translate();
  if (me) {
    show(me);
    $('#me-form').dataset.loaded = 'true';
  } else {
    $('#me-save').disabled = true;
    $('#add-subscription').disabled = true;
  }
  rules.load();
});
city.ready.then(() => rules.translate());
