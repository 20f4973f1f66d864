import { describe, expect, it } from 'vitest';
import { EnvRegistry } from './env';
import { bundle, design } from './testkit';

describe('.env variables', () => {
  it('two nodes whose variable names would clash get distinct variables', () => {
    const env = new EnvRegistry();
    const a = env.define('pg', 'APP_USER', { comment: 'a' });
    const b = env.define('pg-app', 'USER', { comment: 'b' });
    expect(a).toBe('PG_APP_USER');
    expect(b).toBe('PG_APP_USER_2');
    expect(env.define('pg', 'APP_USER', { comment: 'again' })).toBe('PG_APP_USER');
  });

  it('.env.example lists each variable once, grouped by node in design order, secrets as change-me', () => {
    const b = bundle(
      design(
        [
          { id: 'api', kind: 'rest-service' },
          { id: 'db', kind: 'postgres' },
          { id: 'cache', kind: 'redis' },
        ],
        [
          { from: 'api', to: 'cache', protocol: 'redis' },
          { from: 'api', to: 'db', protocol: 'sql' },
        ],
      ),
    );
    const text = b.file('.env.example');
    const headers = text.split('\n').filter((l) => l.startsWith('# ── '));
    expect(headers).toEqual(['# ── api ──', '# ── db ──', '# ── cache ──']);
    expect(text).toMatch(/^DB_ADMIN_PASSWORD=change-me$/m);
    expect(text).toMatch(/^CACHE_PASSWORD=change-me$/m);
    expect(text).toMatch(/^DB_APP_USER=app$/m);
    expect(text).toMatch(/^API_HTTP_PORT=8080$/m);
  });
});
