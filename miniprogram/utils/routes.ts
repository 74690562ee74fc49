/** The customer subpackage's pages (packages/complaint); one place for their paths and query names. */
export const DETAIL_PAGE = '/packages/complaint/detail/index';
export const RATING_PAGE = '/packages/complaint/rating/index';

export const detailUrl = (complaintId: string) => `${DETAIL_PAGE}?id=${encodeURIComponent(complaintId)}`;
export const ratingUrl = (complaintId: string) => `${RATING_PAGE}?id=${encodeURIComponent(complaintId)}`;

/** The complaint id a subpackage page was opened with (same charset as the server's ids), or undefined. */
export function complaintIdFrom(params: Record<string, string | undefined>): string | undefined {
  let id = params.id ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    /* keep raw */
  }
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(id) ? id : undefined;
}
