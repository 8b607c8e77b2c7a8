// The console's words in both languages, and its names for the alarms' states, rules and events.
import { createI18n } from '../i18n.js';

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
    wallOk: 'baik', wallLagging: 'tertinggal', wallFrozen: 'BEKU',
    navNotifications: 'Notifikasi saya', dNotifications: 'Notifikasi', noNotifications: 'Belum ada yang diberi tahu',
    thWhen: 'Kapan', thChannel: 'Saluran', thRecipient: 'Penerima', thWhoRule: 'Siapa / aturan', thKind: 'Jenis',
    thAttempts: 'Percobaan', thInstance: 'Server', thOutcome: 'Hasil', thStatus: 'Kode', thAnswer: 'Jawaban', thMillis: 'Lama',
    dueAt: 'dijadwalkan {time}', showTries: 'Tampilkan percobaan', noTries: 'Belum ada percobaan.',
    notifyUnavailable: 'Notifikasi tidak dapat dibaca: {detail}',
    notifyMemory: 'Notifikasi disimpan di memori: yang masih tertunda hilang saat server dimulai ulang (tanpa basis data)',
    notifyChannelsOff: 'Saluran belum diatur: {list}',
    linkTitle: 'Pesan notifikasi untuk alarm #{id}', linkAck: 'Akui', linkAcked: 'Diakui: alarm #{id}',
    linkRefused: 'Tidak diakui: {detail}', linkSignIn: 'Sesi berakhir: masuk lagi untuk mengakui.'
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
    wallOk: 'ok', wallLagging: 'lagging', wallFrozen: 'FROZEN',
    navNotifications: 'My notifications', dNotifications: 'Notifications', noNotifications: 'Nobody has been notified of this alarm',
    thWhen: 'When', thChannel: 'Channel', thRecipient: 'Recipient', thWhoRule: 'Who / rule', thKind: 'Kind',
    thAttempts: 'Attempts', thInstance: 'Server', thOutcome: 'Outcome', thStatus: 'Code', thAnswer: 'Answer', thMillis: 'Took',
    dueAt: 'due {time}', showTries: 'Show the attempts', noTries: 'No attempt yet.',
    notifyUnavailable: 'Notifications cannot be read: {detail}',
    notifyMemory: 'Notifications are kept in memory: pending ones are lost at a restart (no database)',
    notifyChannelsOff: 'Channels not configured: {list}',
    linkTitle: 'A notification message for alarm #{id}', linkAck: 'Acknowledge', linkAcked: 'Acknowledged: alarm #{id}',
    linkRefused: 'Not acknowledged: {detail}', linkSignIn: 'The session ended: sign in again to acknowledge.'
  }
};
/** A delivery's state in words: sent arrived, failed did not, pending and sending are on their way. */
export const DELIVERY_STATES = {
  sent: { id: 'sampai', en: 'arrived' },
  failed: { id: 'tidak sampai', en: 'did not arrive' },
  pending: { id: 'dalam perjalanan (menunggu)', en: 'on its way (waiting)' },
  sending: { id: 'dalam perjalanan (dikirim)', en: 'on its way (sending)' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' }
};
export const DELIVERY_KINDS = {
  raised: { id: 'alarm muncul', en: 'raised' }, severity: { id: 'tingkat berubah', en: 'severity changed' },
  escalation: { id: 'eskalasi', en: 'escalation' }, reminder: { id: 'pengingat', en: 'reminder' },
  cleared: { id: 'reda', en: 'cleared' }, acknowledged: { id: 'diakui', en: 'acknowledged' },
  digest: { id: 'ringkasan', en: 'digest' }
};
export const CHANNELS = {
  email: { id: 'Email', en: 'Email' }, telegram: { id: 'Telegram', en: 'Telegram' }, webhook: { id: 'Webhook', en: 'Webhook' }
};
export const OUTCOMES = {
  sent: { id: 'terkirim', en: 'sent' }, retry: { id: 'dicoba lagi', en: 'retry' }, failed: { id: 'gagal', en: 'failed' },
  resumed: { id: 'dilanjutkan', en: 'resumed' }, cancelled: { id: 'dibatalkan', en: 'cancelled' }
};
export const STATES = {
  'active-unacknowledged': { id: 'Aktif, belum diakui', en: 'Active, unacknowledged' },
  'active-acknowledged': { id: 'Aktif, diakui', en: 'Active, acknowledged' },
  'cleared-unacknowledged': { id: 'Reda, belum diakui', en: 'Cleared, unacknowledged' },
  shelved: { id: 'Ditangguhkan', en: 'Shelved' },
  'out-of-service': { id: 'Pemeliharaan', en: 'Out of service' },
  closed: { id: 'Ditutup', en: 'Closed' },
  open: { id: 'Terbuka (semua kecuali ditutup)', en: 'Open (all but closed)' }
};
export const RULES = {
  'flood-level': { id: 'Tinggi muka air', en: 'Water level' },
  'ispu-unhealthy': { id: 'Kualitas udara', en: 'Air quality' },
  'cctv-online-low': { id: 'CCTV daring', en: 'CCTV online' },
  'tile-status': { id: 'Status panel', en: 'Tile status' },
  'device-silent': { id: 'Perangkat diam', en: 'Device silent' },
  'device-offline': { id: 'Perangkat luring', en: 'Device offline' },
  'feed-silent': { id: 'Umpan diam', en: 'Feed silent' }
};
export const EVENTS = {
  raised: { id: 'muncul', en: 'raised' }, reactivated: { id: 'aktif lagi', en: 'reactivated' },
  severity: { id: 'tingkat berubah', en: 'severity changed' }, acknowledged: { id: 'diakui', en: 'acknowledged' },
  commented: { id: 'komentar', en: 'commented' }, shelved: { id: 'ditangguhkan', en: 'shelved' },
  unshelved: { id: 'tangguhan dicabut', en: 'unshelved' }, escalated: { id: 'eskalasi', en: 'escalated' },
  cleared: { id: 'reda', en: 'cleared' }, closed: { id: 'ditutup', en: 'closed' }
};
export const SEVERITIES = [4, 3, 2, 1];

export const i18n = createI18n(TEXT);
export const t = i18n.t;
export const word = i18n.word;
