import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { generateQrCode, listQrCodes } from './actions/qr-codes';

/** Administration: QR codes now; staff, configuration and imports come with later issues. */
export const main = defineFunction('admin', {
  ping: pingHandler('admin'),
  listQrCodes,
  generateQrCode,
});
