import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipBundle } from './browser';

describe('the browser bundle export', () => {
  const files = [
    { path: 'docker-compose.yml', content: 'services: {}\n' },
    { path: 'config/db/init/01.sh', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
  ];

  it('zips every file under one folder, with its content', async () => {
    const zip = unzipSync(await zipBundle(files, 'orders-bundle'));
    expect(Object.keys(zip).sort()).toEqual(['orders-bundle/config/db/init/01.sh', 'orders-bundle/docker-compose.yml']);
    expect(strFromU8(zip['orders-bundle/docker-compose.yml']!)).toBe('services: {}\n');
  });

  it('is the same bytes for the same files (fixed timestamps)', async () => {
    expect(Buffer.from(await zipBundle(files, 'b')).equals(Buffer.from(await zipBundle(files, 'b')))).toBe(true);
  });
});
