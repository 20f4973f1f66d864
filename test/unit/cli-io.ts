import type { CliIo } from '../../generators/cli/main';
import type { BundleFs } from '../../generators/cli/writeBundle';

/** A CLI environment for running commands in process: output collected, working directory `cwd`, file system `fs` (the real one by default). */
export function memoryIo(cwd: string, fs?: BundleFs): CliIo & { stdout: string; stderr: string } {
  const o = {
    stdout: '',
    stderr: '',
    cwd,
    fs,
    out(t: string) {
      o.stdout += t;
    },
    err(t: string) {
      o.stderr += t;
    },
  };
  return o;
}
