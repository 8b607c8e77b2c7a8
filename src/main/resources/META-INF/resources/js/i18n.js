// The pages' language: ?lang=, else the last one chosen in this browser, else Indonesian. A text may say WITA: the
// catalog's zone's short name takes its place (city.js), so that a city in another zone reads its own.
import { city } from '../city.js';

/** The page's texts by language ({id: {...}, en: {...}}), with the language that is shown now. */
export function createI18n(TEXT) {
  let lang = new URLSearchParams(location.search).get('lang') || localStorage.getItem('pantau.lang') || 'id';
  if (lang !== 'en') lang = 'id';
  const t = key => (typeof TEXT[lang][key] === 'string' ? TEXT[lang][key].replace(/WITA/g, city.zoneName) : TEXT[lang][key]);
  return {
    get lang() { return lang; },
    t,
    /** A name from a {key: {id, en}} dictionary, the key itself when it has none. */
    word: (dict, key) => (dict[key] && (dict[key][lang] || dict[key].id)) || key,
    locale: () => (lang === 'id' ? 'id-ID' : 'en-GB'),
    /** "12 s ago", "3 min ago", "2 h ago", "1 d ago" (the page's TEXT has ago, s, m, h, d). */
    ago(ms) {
      const s = Math.max(0, Math.round(ms / 1000));
      const n = s < 60 ? s + ' ' + t('s') : s < 3600 ? Math.round(s / 60) + ' ' + t('m')
        : s < 86400 ? Math.round(s / 3600) + ' ' + t('h') : Math.round(s / 86400) + ' ' + t('d');
      return t('ago').replace('{n}', n);
    },
    /** The other language, remembered in this browser; the caller redraws. */
    toggle() {
      lang = lang === 'id' ? 'en' : 'id';
      localStorage.setItem('pantau.lang', lang);
    },
    /** The page's fixed texts: <html lang>, every [data-i18n] element, the language button (#lang). */
    translatePage() {
      document.documentElement.lang = lang;
      document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
      document.getElementById('lang').textContent = t('switchTo');
    }
  };
}
