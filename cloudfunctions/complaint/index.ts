import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { classifyPreview } from './actions/classify-preview';
import { listMine } from './actions/list-mine';
import { resolveScene } from './actions/resolve-scene';
import { me } from './actions/session';
import { track } from './actions/track';

/** The customer's actions (DESIGN.md "Cloud functions"). */
export const main = defineFunction('complaint', {
  ping: pingHandler('complaint'),
  me,
  track,
  resolveScene,
  classifyPreview,
  listMine,
});
