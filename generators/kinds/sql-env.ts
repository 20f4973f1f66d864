import type { ClientLink, Env } from './env';
import { cred, env } from './env';
import { str } from '../../shared/resolve/props';
import { readsAsReader } from '../../shared/resolve';
import { outboxWriters } from '../stack/databases';

/**
 * What an SQL client of a database the stack runs gets: `<DB>_URL` (scheme://user:password@host:port/db,
 * so passwords in it must be URL-safe) and the same parts apart, its access, and the outbox
 * table when it writes here and publishes to a broker (a transactional outbox). A client drawn
 * with read access logs in as the database's read-only user (`readsAsReader`).
 */
export function sqlClientEnv(link: ClientLink, scheme: 'postgresql' | 'mysql'): Env {
  const { flow: f, client, server: s } = link;
  if (f.protocol !== 'sql') return {};
  const P = s.envPrefix;
  const reader = readsAsReader(f);
  const user = reader ? s.credentials.READER_USER! : s.credentials.APP_USER!;
  const password = reader ? s.credentials.READER_PASSWORD! : (s.credentials.PASSWORD ?? s.credentials.APP_PASSWORD!);
  const host = f.host ?? s.service;
  const port = f.port ?? s.listenPort;
  const db = str(s.props, 'database') || 'app';
  const out: Env = {
    [`${P}_URL`]: env`${scheme}://${user}:${password}@${host}:${port}/${db}`,
    [`${P}_HOST`]: host,
    [`${P}_PORT`]: String(port),
    [`${P}_USER`]: cred(user),
    [`${P}_PASSWORD`]: cred(password),
    [`${P}_DATABASE`]: db,
    [`${P}_ACCESS`]: str(f.props, 'access') || 'read-write',
  };
  if (outboxWriters(s).includes(client)) out[`${P}_OUTBOX_TABLE`] = 'outbox';
  return out;
}
