import type { Ctx, Resolver } from '../context';
import { edgeText, filled, nodeName, num, open, str } from '../context';
import { scrapes } from '../facts';
import { andList, code, md } from '../markdown';

/** File-Based Integration: SFTP servers and object storage. */

const fileEdges = (c: Ctx) => c.edgesOf('sftp', 's3');
const none = (what: string) => open('no file transfer (SFTP or object storage) in the design', `add an SFTP server or object storage to decide ${what}`);
const sftp = (c: Ctx) => c.ofKind('sftp-server');
const s3 = (c: Ctx) => c.ofKind('object-storage');

export const file: Record<string, Resolver> = {
  FILE_TRANSFER_PROTOCOL: (c) => {
    const e = fileEdges(c);
    if (!e.length) return none('the transfer protocol');
    const ps = [...new Set(e.map((x) => (x.protocol === 'sftp' ? 'SFTP' : 'S3 API')))];
    return filled(`${andList(ps)}: ${andList(e.map(edgeText), 6)}`, andList(ps));
  },

  FILE_FORMATS: (c) => {
    const parts = sftp(c).map((s) => `${md(str(s.props, 'fileFormat')).toUpperCase()} on ${code(s.id)}`);
    for (const e of c.edgesOf('s3')) if (e.to.node.kind === 'object-storage' && str(e.from.props, 'dataFormat')) parts.push(`${md(str(e.from.props, 'dataFormat')).toUpperCase()} written by ${code(e.from.id)}`);
    return parts.length ? filled(andList([...new Set(parts)])) : fileEdges(c).length ? open('no file format set', 'set File format on the SFTP server or Data format on the writers') : none('file formats');
  },

  FILE_PROCESSING: (c) => {
    const readers = fileEdges(c).filter((e) => e.from.kind && ['sftp-server', 'object-storage'].includes(e.from.kind.id));
    return readers.length ? filled(andList(readers.map((e) => `${code(e.to.id)} reads from ${code(e.from.id)}${e.protocol === 'sftp' ? ` on cron ${md(str(e.props, 'schedule'))}` : ''}`)), 'scheduled batch reads') : fileEdges(c).length ? open('files are written but nothing reads them', 'draw the reader') : none('processing');
  },

  FILE_VALIDATION: (c) => (fileEdges(c).length ? open('the design has no file checks (checksums, schemas, row counts)', 'decide them in the reading job') : none('validation')),

  FILE_ENCRYPTION: (c) => {
    const s = sftp(c);
    if (s.length) return filled(andList(s.map((n) => `${str(n.props, 'encryption') === 'none' ? 'transport only (SSH), files unencrypted' : `${md(str(n.props, 'encryption')).toUpperCase()} files over SSH`} on ${code(n.id)}`)));
    return s3(c).length ? open('no encryption set for the object storage', 'decide server-side or client-side encryption of the buckets') : none('encryption');
  },

  FILE_ARCHIVING: (c) => {
    const parts = [...sftp(c), ...s3(c)].map((n) => {
      const d = num(n.props, 'archiveDays') ?? 0;
      return d > 0 ? `after ${d} days on ${code(n.id)}` : `${n.node.kind === 'sftp-server' ? 'deleted once processed' : 'kept (no lifecycle rule)'} on ${code(n.id)}`;
    });
    return parts.length ? filled(andList(parts)) : none('archiving');
  },

  FILE_ERROR_HANDLING: (c) => {
    const dl = c.edgesOf('sftp').filter((e) => e.props.deadLetter === true);
    if (dl.length) return filled(`failed files moved aside on ${andList(dl.map(edgeText))}`, 'dead letter folder');
    return fileEdges(c).length ? open('no dead-lettering on the file transfers', 'turn on Dead-letter on the SFTP connections') : none('error handling');
  },

  FILE_RETRY_MECHANISMS: (c) => {
    const r = c.edgesOf('sftp').filter((e) => (num(e.props, 'retries') ?? 0) > 0);
    if (r.length) return filled(andList(r.map((e) => `${num(e.props, 'retries')} retries on ${edgeText(e)}`)), 'retries with backoff');
    return fileEdges(c).length ? open('no retries on the file transfers', 'set Retries on the SFTP connections') : none('retries');
  },

  FILE_MONITORING: (c) => {
    if (!fileEdges(c).length) return none('file monitoring');
    const readers = new Set(fileEdges(c).flatMap((e) => [e.from, e.to]));
    const watched = scrapes(c).flatMap((s) => s.targets).filter((t) => readers.has(t));
    return watched.length ? filled(`metrics of ${andList(watched.map(nodeName))} in Prometheus`) : open('nothing watches the file transfers', 'connect the readers to Prometheus, or decide a file-arrival check');
  },

  CLEANUP_PROCEDURES: (c) => {
    const s = [...sftp(c), ...s3(c)];
    return s.length ? filled(andList(s.map((n) => `${(num(n.props, 'archiveDays') ?? 0) > 0 ? `moved or expired after ${num(n.props, 'archiveDays')} days` : n.node.kind === 'sftp-server' ? 'deleted after processing' : 'none set'} (${code(n.id)})`))) : none('cleanup');
  },
};
