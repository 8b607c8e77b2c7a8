// The city's own time zone, for every page: GET /api/v1/city (the catalog's city.timezone); Bontang's until the
// answer comes. Elements of class "tz" show the zone's short name (WITA); `ready` settles once the answer is applied,
// so that a page can redraw its times in the same moment. Also window.pantauCity, for a test or a console to read.
export const city = { timezone: 'Asia/Makassar', zoneName: 'WITA', offset: '+08:00' };
window.pantauCity = city;
city.ready = fetch('/api/v1/city', { credentials: 'same-origin' }).then(r => (r.ok ? r.json() : null)).then(c => {
  if (!c) return;
  Object.assign(city, { timezone: c.timezone, zoneName: c.zoneName, offset: c.offset });
  document.querySelectorAll('.tz').forEach(e => { e.textContent = c.zoneName; });
}).catch(() => {});
