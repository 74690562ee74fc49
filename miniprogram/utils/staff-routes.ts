import type { InboxView } from '@shared/api/functions/ticket';

/** The staff subpackages' pages (packages/staff, packages/dashboard, packages/admin): one place for paths and queries. */
export const INBOX_PAGE = '/packages/staff/inbox/index';
export const TICKET_PAGE = '/packages/staff/ticket/index';
export const INTAKE_PAGE = '/packages/staff/intake/index';
export const BIND_PAGE_URL = '/packages/staff/bind/index';
export const ARCHIVE_PAGE = '/packages/staff/archive/index';
export const DASHBOARD_PAGE = '/packages/dashboard/overview/index';
export const ADMIN_PAGES = {
  staff: '/packages/admin/staff/index',
  sla: '/packages/admin/sla/index',
  compensation: '/packages/admin/compensation/index',
  faq: '/packages/admin/faq/index',
  qrcodes: '/packages/admin/qrcodes/index',
  taxonomy: '/packages/admin/taxonomy/index',
  rules: '/packages/admin/rules/index',
  departments: '/packages/admin/departments/index',
  health: '/packages/admin/health/index',
  logistics: '/packages/admin/logistics/index',
  spice: '/packages/admin/spice/index',
} as const;

export const inboxUrl = (view?: InboxView) => (view ? `${INBOX_PAGE}?view=${view}` : INBOX_PAGE);
export const ticketUrl = (complaintId: string) => `${TICKET_PAGE}?id=${encodeURIComponent(complaintId)}`;

/** Batch surge incidents (QC): the list and one incident. */
export const INCIDENTS_PAGE = '/packages/staff/incidents/index';
export const INCIDENT_PAGE = '/packages/staff/incident/index';
export const incidentUrl = (incidentId: string) => `${INCIDENT_PAGE}?id=${encodeURIComponent(incidentId)}`;
export const WEEKLY_REPORT_PAGE = '/packages/dashboard/weekly/index';
export const CUSTOMER_WATCH_PAGE = '/packages/dashboard/watch/index';
