// The wall's words in both languages, and how it names what the catalog sends: dimensions, units, levels, scales.
import { createI18n } from '../i18n.js';

const TEXT = {
  id: {
    city: 'Kota Bontang · Command Center', map: 'Peta kelurahan', live: 'TERHUBUNG', connecting: 'MENYAMBUNG…',
    down: 'TERPUTUS', since: 'data terakhir', offline: 'KONEKSI TERPUTUS — layar tidak diperbarui sejak {time} WITA. Menyambung ulang…',
    stalled: 'SERVER TIDAK MENGHITUNG — angka tidak diperbarui sejak {time} WITA; semua panel ditandai data lama',
    stale: 'DATA LAMA', noData: 'BELUM ADA DATA', ago: '{n} lalu', critical: 'kritis', warning: 'peringatan', warnings: 'peringatan',
    staleCount: 'data lama', partial: 'sebagian', criticalParam: 'parameter kritis', beyond: 'di atas skala',
    worstOf: 'terburuk', maintenance: 'perawatan', switchTo: 'EN', online: 'daring', of: 'dari', database: 'Basis data', tiles: 'panel',
    lgAqms: 'Stasiun udara', lgGauge: 'Pos duga air', lgTraffic: 'Lalu lintas', lgStale: 'Data lama', lgTide: 'Rawan rob',
    lgRain: 'Rawan banjir hujan', sea: 'Selat Makassar', s: 'dtk', m: 'mnt', h: 'jam', d: 'hari',
    lgStatus: 'Kelurahan: status terburuk panelnya', exact: 'nilai persis',
    attribution: 'Batas kelurahan © 2024 Cahya DSN (lisensi MIT) · sumber: cahyadsn/wilayah_boundaries',
    alarms: 'ALARM', sev4: 'KRITIS', sev3: 'TINGGI', sev2: 'SEDANG', sev1: 'RENDAH', suppressed: '{n} ditangguhkan',
    noCritical: 'Tidak ada alarm kritis', more: '+{n} lainnya', escalated: 'ESKALASI', acked: 'diakui {who}',
    cleared: 'reda', flood: 'LONJAKAN ALARM · {n} baru / {m} mnt',
    soundOff: 'Suara mati — klik untuk menyalakan', lgAlarm: 'Kelurahan dengan alarm (tingkat terburuk)'
  },
  en: {
    city: 'Bontang City · Command Center', map: 'Map of the urban villages (kelurahan)', live: 'CONNECTED', connecting: 'CONNECTING…',
    down: 'DISCONNECTED', since: 'last data', offline: 'CONNECTION LOST — the screen has not been updated since {time} WITA. Reconnecting…',
    stalled: 'SERVER NOT COMPUTING — figures not updated since {time} WITA; every tile is marked stale',
    stale: 'STALE', noData: 'NO DATA YET', ago: '{n} ago', critical: 'critical', warning: 'warning', warnings: 'warnings',
    staleCount: 'stale', partial: 'partial', criticalParam: 'critical parameter', beyond: 'beyond the scale',
    worstOf: 'worst', maintenance: 'maintenance', switchTo: 'ID', online: 'online', of: 'of', database: 'Database', tiles: 'tiles',
    lgAqms: 'Air quality station', lgGauge: 'Water gauge', lgTraffic: 'Traffic counter', lgStale: 'Stale', lgTide: 'Tidal flood area',
    lgRain: 'Rain flood area', sea: 'Makassar Strait', s: 's', m: 'min', h: 'h', d: 'd',
    lgStatus: 'Urban village: the worst status of its tiles', exact: 'exact value',
    attribution: 'Boundaries © 2024 Cahya DSN (MIT licence) · source: cahyadsn/wilayah_boundaries',
    alarms: 'ALARMS', sev4: 'CRITICAL', sev3: 'HIGH', sev2: 'MEDIUM', sev1: 'LOW', suppressed: '{n} suppressed',
    noCritical: 'No critical alarms', more: '+{n} more', escalated: 'ESCALATED', acked: 'acknowledged by {who}',
    cleared: 'cleared', flood: 'ALARM FLOOD · {n} new / {m} min',
    soundOff: 'Sound off — click to enable', lgAlarm: 'Urban villages with alarms (worst severity)'
  }
};
// The masterplan's dimensions: the programme's name, and in Indonesian its gloss.
export const DIMENSIONS = {
  governance: { name: 'Smart Governance', id: 'Tata kelola' },
  economy: { name: 'Smart Economy', id: 'Ekonomi' },
  mobility: { name: 'Smart Mobility', id: 'Mobilitas' },
  environment: { name: 'Smart Environment', id: 'Lingkungan' },
  people: { name: 'Smart People', id: 'Masyarakat' },
  living: { name: 'Smart Living', id: 'Kehidupan' },
  branding: { name: 'Smart Branding', id: 'Citra kota' }
};
// The catalog's units as the wall says them; a unit not listed is shown as the catalog writes it.
export const UNITS = {
  id: { vehicles: 'kendaraan', calls: 'panggilan', complaints: 'aduan', patients: 'pasien', orders: 'pesanan',
    visits: 'kunjungan', visitors: 'wisatawan', lamps: 'lampu', count: '', min: 'mnt', 'ug/m3': 'µg/m³', ISPU: '',
    IDR: 'Rp', Cel: '°C', '%RH': '% RH' },
  en: { count: '', 'ug/m3': 'µg/m³', ISPU: 'ISPU', IDR: 'IDR', Cel: '°C', '%RH': '% RH' }
};
/** Units written before the number (Rp 25,8 M). */
export const PREFIX_UNITS = new Set(['IDR']);
// BNPB's warning levels keep their words on the wall; the English page names them as the server does.
export const LEVELS = { Waspada: 'Advisory', Siaga: 'Watch', Awas: 'Warning' };
// Large numbers the Indonesian way (ribu, juta, miliar, triliun) or the English one.
export const SCALES = {
  id: [[1e12, ' T'], [1e9, ' M'], [1e6, ' jt'], [1e3, ' rb']],
  en: [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'm'], [1e3, 'k']]
};
export const ABBREVIATE_FROM = 1e4;
export const POLLUTANTS = { pm10: 'PM10', pm25: 'PM2.5', so2: 'SO₂', co: 'CO', o3: 'O₃', no2: 'NO₂', hc: 'HC' };
export const STATUS_COLOUR = { normal: '#2fa86a', warning: '#e5b530', critical: '#ef4b42', unknown: '#5b6774' };

export const i18n = createI18n(TEXT);
export const t = i18n.t;
