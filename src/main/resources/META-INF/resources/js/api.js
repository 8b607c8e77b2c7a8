// The admin pages' calls to the API (the session cookie signs them in) and their times: one fetch that answers the
// body and the ETag, or throws the problem's detail with the problem itself and the status; a time in the city's zone.
import { city } from '../city.js';

export async function call(method, path, { body, type, accept, ifMatch } = {}) {
  const headers = { Accept: accept || 'application/json' };
  if (type) headers['Content-Type'] = type;
  if (ifMatch) headers['If-Match'] = ifMatch;
  const r = await fetch(path, { method, credentials: 'same-origin', headers, body });
  const json = (r.headers.get('Content-Type') || '').includes('json');
  const answer = r.status === 204 ? null : json ? await r.json().catch(() => ({})) : await r.text();
  if (!r.ok) throw Object.assign(new Error((answer && answer.detail) || `${r.status} ${r.statusText}`), { answer, status: r.status });
  return { answer, etag: r.headers.get('ETag') };
}

/** A JSON body sent, its JSON answer returned. */
export const json = (method, path, body) =>
  call(method, path, body === undefined ? {} : { body: JSON.stringify(body), type: 'application/json' }).then(r => r.answer);

/** A time in the city's zone, in the page's language ({@code i18n} of js/i18n.js); a dash when there is none. */
export const when = (i18n, iso) => (iso ? new Date(iso).toLocaleString(i18n.locale(), { timeZone: city.timezone, hour12: false }) : '—');
