import { defineFunction } from '../_server/define-function';
import { pingHandler } from '../_server/ping';
import { listAudit } from './actions/audit';
import { getConfig, saveConfig } from './actions/config';
import { listDepartments, saveDepartment } from './actions/departments';
import { listFaqs, saveFaq } from './actions/faq';
import { health } from './actions/health';
import { importLogistics } from './actions/logistics';
import { faqStats } from './actions/faq-stats';
import { generateQrCode, listQrCodes } from './actions/qr-codes';
import { reencrypt } from './actions/reencrypt';
import { listSpiceLevels, saveSpiceLevel } from './actions/spice';
import { bindStaff, createInvitation, listInvitations, listStaff, revokeInvitation, updateStaff } from './actions/staff';

/**
 * Administration: staff and invitations, configuration documents, FAQ, QR codes. `bindStaff` is the one action
 * for people who are not staff yet (the invited person): it lives here, beside the invitations it consumes,
 * because the staff-only `ticket` function cannot be called before the binding exists.
 */
export const main = defineFunction('admin', {
  ping: pingHandler('admin'),
  listQrCodes,
  generateQrCode,
  createInvitation,
  listInvitations,
  revokeInvitation,
  bindStaff,
  listStaff,
  updateStaff,
  getConfig,
  saveConfig,
  listDepartments,
  saveDepartment,
  listFaqs,
  saveFaq,
  faqStats,
  listAudit,
  health,
  reencrypt,
  importLogistics,
  listSpiceLevels,
  saveSpiceLevel,
});
