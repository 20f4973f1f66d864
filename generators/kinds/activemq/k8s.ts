import { secretEnv, valueEnv } from '../../k8s/build';
import type { EnvEntry } from '../../k8s/types';
import { listOf } from '../../k8s/clientenv';
import { runComponent } from '../../k8s/stateful';
import { facet } from '../../k8s/types';
import { brokerXml, plansOf } from './broker-xml';
import { BROKER_XML_PATH } from './stack';

/** ActiveMQ Artemis: a StatefulSet of the official image with the plan's broker.xml from a ConfigMap, the instance on a claim; clients get URL, user and their queues. */
export const k8s = facet({
  objects: (ctx, c) => {
    runComponent(ctx, c, {
      env: [secretEnv('ARTEMIS_USER', ctx.credential(c, 'USER')), secretEnv('ARTEMIS_PASSWORD', ctx.credential(c, 'PASSWORD'))],
      config: [{ mountPath: BROKER_XML_PATH, subPath: 'broker.xml', files: { 'broker.xml': brokerXml(ctx.resolved, c) } }],
      data: { mountPath: '/var/lib/artemis-instance', size: '5Gi' },
      size: 'medium',
    });
  },
  clientEnv: (ctx, s, f, client) => {
    const P = s.envPrefix;
    const amqp = f.protocol === 'amqp';
    const plan = plansOf(ctx.resolved, s)[amqp ? 'amqp' : 'jms'];
    const sent = [...new Set((plan?.publications ?? []).filter((p) => p.client === client).map((p) => p.channel))];
    const subs = (plan?.subscriptions ?? []).filter((x) => x.client === client);
    const read = [...new Set(subs.flatMap((x) => x.channels))];
    const out: EnvEntry[] = [
      valueEnv(amqp ? `${P}_AMQP_URL` : `${P}_BROKER_URL`, `${amqp ? 'amqp' : 'tcp'}://${f.host ?? s.service}:${f.port ?? s.listenPort}`),
      secretEnv(`${P}_USER`, ctx.credential(s, 'USER')),
      secretEnv(`${P}_PASSWORD`, ctx.credential(s, 'PASSWORD')),
    ];
    if (sent.length > 0) out.push(valueEnv(amqp ? `${P}_SEND_ADDRESSES` : `${P}_PUT_QUEUES`, listOf(sent)));
    if (read.length > 0) out.push(valueEnv(amqp ? `${P}_RECEIVE_QUEUES` : `${P}_GET_QUEUES`, listOf(read)));
    return out;
  },
});
