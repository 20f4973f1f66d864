import type { Section } from '../answer';
import { fact, open } from '../answer';
import type { Ctx } from '../context';
import { arrow, protocolName, svc, svcs, uniq } from '../context';
import { scrapers } from '../facts';
import { andList, md } from '../markdown';

/** File-Based Integration: SFTP servers and object storage. */

const transfers = (c: Ctx) => c.flows('file', 'object');
const hosts = (c: Ctx) => c.withRole('file-server', 'object-store');

export const file: Section = {
  title: 'File-Based Integration',
  unused: (c) => (transfers(c).length === 0 && hosts(c).length === 0 ? 'no file transfer (no SFTP server or object storage)' : undefined),
  fields: {
    FILE_TRANSFER_PROTOCOL: (c) => {
      const t = transfers(c);
      if (!t.length) return open(`${svcs(hosts(c))} ${hosts(c).length === 1 ? 'is' : 'are'} drawn but nothing moves files yet`);
      const ps = uniq(t.map((f) => protocolName(f.protocol!)));
      return fact(`${andList(ps)}: ${andList(t.map(arrow), 6)}`, { short: andList(ps) });
    },

    FILE_FORMATS: (c) => {
      const parts: string[] = [];
      for (const s of hosts(c)) {
        const f = c.facet(s).files?.format(s);
        if (f) parts.push(`${md(f)} on ${svc(s)}`);
      }
      for (const f of c.flows('object')) {
        const w = f.client && c.facet(f.client).format?.(f.client);
        if (w) parts.push(`${md(w)} written by ${svc(f.client!)}`);
      }
      return parts.length ? fact(andList(uniq(parts))) : open('no file format is set', { value: 'Parquet', because: 'columnar and typed, for analytics' });
    },

    FILE_PROCESSING: (c) => {
      const readers = transfers(c).filter((f) => f.sink !== f.server);
      return readers.length ? fact(andList(readers.map((f) => `${svc(f.sink)} reads from ${svc(f.source)}${typeof f.props.schedule === 'string' ? ` on cron ${md(f.props.schedule, 40)}` : ''}`)), { short: 'scheduled batch reads' }) : open('files are written but nothing reads them yet');
    },

    FILE_VALIDATION: () => open('no file checks are drawn (checksums, schemas, row counts)', { value: 'checksum verification', because: 'catches truncated transfers' }),

    FILE_ENCRYPTION: (c) => {
      const parts: string[] = [];
      for (const s of hosts(c)) {
        const w = c.facet(s).files;
        if (w) parts.push(`${w.encryption(s) ? `${w.encryption(s)}-encrypted files` : 'unencrypted files'} over SSH on ${svc(s)}`);
      }
      return parts.length ? fact(andList(parts)) : open('no encryption is set for the stored objects', { value: 'client-side encryption', because: 'the stack’s object storage keeps files as written' });
    },

    FILE_ARCHIVING: (c) => {
      const parts = hosts(c).map((s) => {
        const d = c.facet(s).files?.archiveDays(s) ?? c.facet(s).archiveDays?.(s) ?? 0;
        return d > 0 ? `after ${d} days on ${svc(s)}` : `${c.facet(s).files ? 'deleted once processed' : 'kept (no lifecycle rule)'} on ${svc(s)}`;
      });
      return parts.length ? fact(andList(parts)) : open('no file store is drawn');
    },

    FILE_ERROR_HANDLING: (c) => {
      const dl = c.flowsOver('sftp').filter((f) => f.props.deadLetter !== false);
      return dl.length ? fact(`failed files moved to a failed folder on ${andList(dl.map(arrow))}`, { short: 'dead letter folder' }) : open('no failed-file handling is set', { value: 'quarantine invalid files', because: 'keep them for a look instead of retrying forever' });
    },

    FILE_RETRY_MECHANISMS: (c) => {
      const r = transfers(c).filter((f) => typeof f.props.retries === 'number' && f.props.retries > 0);
      return r.length ? fact(andList(r.map((f) => `${String(f.props.retries)} retries on ${arrow(f)}`)), { short: 'retries with backoff' }) : open('no retries are set on the transfers', { value: '3 retries max', because: 'the template’s example' });
    },

    FILE_MONITORING: (c) => {
      const involved = new Set(transfers(c).flatMap((f) => [f.from, f.to]));
      const watched = scrapers(c).flatMap((s) => s.targets).filter((t) => involved.has(t));
      return watched.length ? fact(`metrics of ${svcs(watched)} scraped`) : open('nothing watches the transfers', { value: 'file arrival SLA', because: 'a missing file is the first sign of a broken feed' });
    },

    CLEANUP_PROCEDURES: (c) => {
      const parts = hosts(c).map((s) => {
        const d = c.facet(s).files?.archiveDays(s) ?? c.facet(s).archiveDays?.(s) ?? 0;
        return `${d > 0 ? `expired after ${d} days` : c.facet(s).files ? 'deleted after processing' : 'none set'} on ${svc(s)}`;
      });
      return parts.length ? fact(andList(parts)) : open('no file store is drawn');
    },
  },
};
