import { str } from '../../../shared/resolve/props';
import { literal, valueEnv } from '../../k8s/build';
import { builtService } from '../../k8s/services';
import { facet } from '../../k8s/types';

/**
 * A batch job you build: a Deployment that keeps its schedule (SCHEDULE, cron), as the starter
 * stack runs it, so its metrics stay scrapeable; a CronJob is the next step once its image runs
 * one batch and exits.
 */
export const k8s = facet({ objects: (ctx, c) => builtService(ctx, c, [valueEnv('SCHEDULE', literal(str(c.props, 'schedule')))]) });
