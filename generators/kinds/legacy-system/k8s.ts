import { secretEnv } from '../../k8s/build';
import { facet } from '../../k8s/types';
import type { EnvEntry } from '../../k8s/types';

/** A legacy system outside the cluster: its clients get its address and password from a Secret (set per environment). */
export const k8s = facet({
  clientEnv: (ctx, s, f) => {
    const P = s.envPrefix;
    const out: EnvEntry[] = [];
    const address = (key: string, comment: string, example: string) => secretEnv(`${P}_${key}`, ctx.ownSecret(s, key, comment, example, false));
    switch (f.protocol) {
      case 'sql':
        out.push(address('URL', `Database URL of ${s.service} (outside the cluster)`, 'jdbc:db2://legacy.example.invalid:50000/DB'), secretEnv(`${P}_PASSWORD`, ctx.ownSecret(s, 'PASSWORD', `Password for ${s.service}`)));
        break;
      case 'jms':
        out.push(address('URL', `Connection URL of ${s.service} (outside the cluster)`, 'tcp://legacy.example.invalid:1414'));
        break;
      case 'sftp':
        out.push(address('SFTP_URL', `SFTP address of ${s.service} (outside the cluster)`, 'sftp://legacy.example.invalid:22'), secretEnv(`${P}_PASSWORD`, ctx.ownSecret(s, 'SFTP_PASSWORD', `SFTP password for ${s.service}`)));
        break;
      default:
        out.push(address('URL', `Base URL of ${s.service} (outside the cluster)`, 'https://legacy.example.invalid'));
    }
    return out;
  },
});
