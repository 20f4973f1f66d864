import { secretEnv, valueEnv } from '../../k8s/build';
import { addrOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';

const FILE_STORAGE = `# Vault with file storage: initialise and unseal it once (vault operator init), then keep the keys safe.
storage "file" {
  path = "/vault/file"
}
listener "tcp" {
  address     = "0.0.0.0:8200"
  tls_disable = 1
}
ui = true
disable_mlock = true
`;

/** Vault: dev mode (in memory, its root token from a Secret) or a StatefulSet with file storage; clients get its address and token. */
export const k8s = facet({
  objects: (ctx, c) => {
    if (c.props.devMode !== false) {
      runComponent(ctx, c, {
        args: ['server', '-dev'],
        env: [secretEnv('VAULT_DEV_ROOT_TOKEN_ID', ctx.credential(c, 'DEV_ROOT_TOKEN')), valueEnv('VAULT_DEV_LISTEN_ADDRESS', '0.0.0.0:8200'), valueEnv('VAULT_ADDR', 'http://127.0.0.1:8200')],
        size: 'small',
      });
      ctx.note(`\`${c.service}\` runs Vault in dev mode (in memory, unsealed): for development only.`);
    } else {
      runComponent(ctx, c, { args: ['server', '-config=/vault/config/vault.hcl'], env: [valueEnv('VAULT_ADDR', 'http://127.0.0.1:8200')], config: [{ mountPath: '/vault/config', files: { 'vault.hcl': FILE_STORAGE } }], data: { mountPath: '/vault/file' }, size: 'small' });
    }
  },
  clientEnv: (ctx, s, f) => [valueEnv('VAULT_ADDR', `http://${addrOf(f)}`), secretEnv('VAULT_TOKEN', ctx.credential(s, 'DEV_ROOT_TOKEN'))],
});
