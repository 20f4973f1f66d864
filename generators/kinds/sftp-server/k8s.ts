import { str } from '../../../shared/resolve/props';
import { literal, secretEnv, valueEnv } from '../../k8s/build';
import { addrOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

/** SFTP server: a StatefulSet (files on a claim), its account from a Secret; clients get host, port, account and path. */
export const k8s = facet({
  objects: (ctx, c) => {
    const dir = str(c.props, 'directory') || 'upload';
    runComponent(ctx, c, {
      env: [
        secretEnv('SFTP_USER', ctx.credential(c, 'USER')),
        secretEnv('SFTP_PASSWORD', ctx.credential(c, 'PASSWORD')),
        // atmoz/sftp reads its accounts from SFTP_USERS: user:password:uid:gid:directory.
        valueEnv('SFTP_USERS', `$(SFTP_USER):$(SFTP_PASSWORD):1001:100:${literal(dir)}`),
      ],
      data: { mountPath: '/home' },
      size: 'small',
    });
  },
  clientEnv: (ctx, s, f) => {
    const P = s.envPrefix;
    const [host, port] = addrOf(f).split(':');
    return [
      valueEnv(`${P}_HOST`, host!),
      valueEnv(`${P}_PORT`, port!),
      secretEnv(`${P}_USER`, ctx.credential(s, 'USER')),
      secretEnv(`${P}_PASSWORD`, ctx.credential(s, 'PASSWORD')),
      valueEnv(`${P}_PATH`, literal(str(f.props, 'path') || '/upload')),
      valueEnv(`${P}_SCHEDULE`, literal(str(f.props, 'schedule'))),
    ];
  },
});
