// What the wall knows, shared by its modules: the tiles and alarms as the socket last said, the catalog's areas
// and their boundaries, and whether the connection or the server's engine is in trouble.
export const state = {
  tiles: new Map(), // tile id -> tile object (docs/wall-protocol.md)
  elements: new Map(), // tile id -> its element on the wall
  alarms: new Map(), // every open alarm, by id (a string)
  alarmSummary: null,
  areas: [], // GET /api/v1/areas
  geo: null, // the areas' boundaries (GeoJSON), or null: the schematic map
  everLive: false, // whether any data came since the page loaded
  lastData: null, // when the last data came (a Date)
  stalledSince: null // since when the server's engine has not evaluated (a Date), or null
};

export const $ = s => document.querySelector(s);

/** A tile as it may be shown: nothing is fresh while the server's engine has stalled. */
export function view(x) {
  return state.stalledSince !== null && x.freshness === 'fresh' ? Object.assign({}, x, { freshness: 'stale' }) : x;
}

/** Annunciated = open, neither shelved nor out of service: only those alarms are counted, shaded and sounded. */
export const annunciated = a => a.state !== 'closed' && a.state !== 'shelved' && a.state !== 'out-of-service';
