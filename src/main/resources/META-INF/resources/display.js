// A kiosk opens /display.html#<token> once: the token goes to the server in a request body (never in a URL the
// server or a proxy logs), comes back as an HttpOnly cookie, and the fragment is wiped from the history. The token
// is also kept in this browser's storage, so that the wall signs itself in again if the cookie is ever refused.
// Only a refusal (401) forgets it; a server that is away or cannot check it now (503) is asked again.
(() => {
  const token = decodeURIComponent(location.hash.slice(1));
  history.replaceState(null, '', '/display.html');
  const status = document.getElementById('display-status');
  if (!token) {
    status.textContent = 'Tidak ada token layar. / No display token: open /display.html#<token>.';
    return;
  }
  const retry = () => setTimeout(signIn, 10000);
  function signIn() {
    fetch('/display/session', { method: 'POST', body: token, headers: { 'Content-Type': 'text/plain' }, credentials: 'same-origin' })
      .then(r => {
        if (r.status === 204) {
          // Kept so that the wall can sign itself in again when its cookie is refused (session.js).
          localStorage.setItem('pantau.display', token);
          location.replace('/');
        } else if (r.status === 401) {
          localStorage.removeItem('pantau.display');
          status.textContent = 'Token layar ditolak. / Display token refused: ask the admin for a new one.';
        } else {
          status.textContent = 'Server belum dapat memeriksa token; mencoba lagi… / The server cannot check the token yet; retrying…';
          retry();
        }
      })
      .catch(() => {
        status.textContent = 'Server tidak terjangkau; mencoba lagi… / Server unreachable; retrying…';
        retry();
      });
  }
  signIn();
})();
