// A page whose sign-in ended (signed out elsewhere, its user changed, past its idle time, a revoked display, a
// restart that lost a session kept in memory) goes to sign in, instead of showing "disconnected" for ever: the
// server closes its socket with code 4401, or the socket will not open again and a plain request answers 401.
// A display signs itself in again with the token it was given (display.js keeps it in this browser's storage).
let leaving = false;

export function signIn() {
  if (leaving) return;
  leaving = true;
  const token = localStorage.getItem('pantau.display');
  location.replace(token ? `/display.html#${encodeURIComponent(token)}` : '/login.html');
}

/** After the page's socket closed; onForbidden: the user is signed in but may no longer use this page. */
export function closed(event, probe = '/api/v1/city', onForbidden = () => {}) {
  if (event && event.code === 4401) {
    signIn();
    return;
  }
  fetch(probe, { credentials: 'same-origin', redirect: 'manual', headers: { Accept: 'application/json' } })
    .then(r => {
      if (r.status === 401 || r.type === 'opaqueredirect') signIn();
      else if (r.status === 403) onForbidden();
    })
    .catch(() => {}); // the server is away: the page keeps retrying
}
