import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { classifyPreview } from './actions/classify-preview';
import { recordConsent } from './actions/consent';
import { suggestFaq } from './actions/faq';
import { listMine } from './actions/list-mine';
import { listMyOrders } from './actions/my-orders';
import { confirmSampleShipped, get, mediaUrls, nudge, rate, respond } from './actions/my-complaint';
import { resolveScene } from './actions/resolve-scene';
import { me } from './actions/session';
import { submit } from './actions/submit';
import { track } from './actions/track';

/** The customer's actions (DESIGN.md "Cloud functions"). */
export const main = defineFunction('complaint', {
  ping: pingHandler('complaint'),
  me,
  track,
  resolveScene,
  classifyPreview,
  suggestFaq,
  submit,
  get,
  listMine,
  listMyOrders,
  mediaUrls,
  respond,
  rate,
  nudge,
  recordConsent,
  confirmSampleShipped,
}, { checkCustomerInAction: ['submit'] });
