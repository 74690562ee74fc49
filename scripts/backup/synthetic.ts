import type { LocalCloud } from '../../localcloud';

/**
 * `n` complaints cloned from one filed through `complaint.submit` (so each is what intake stores: nested
 * objects, arrays, Dates, an encrypted phone), inserted straight into the local cloud's engine as
 * scripts/bench/sla.ts does — for the backup round trip at scale.
 */
export async function insertSyntheticComplaints(cloud: LocalCloud, n: number, prefix = 'synthetic'): Promise<void> {
  const res = await fetch(`${cloud.url}/fn/complaint`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': `${prefix}-customer` },
    body: JSON.stringify({ action: 'submit', input: { description: '腊肠发霉了，孩子吃了拉肚子', contactPhone: '13800000000' }, requestId: `${prefix}-template` }),
  });
  const body = (await res.json()) as { ok: boolean; data?: { complaintId: string }; error?: unknown };
  if (!body.ok || !body.data) throw new Error(`template complaint failed: ${JSON.stringify(body.error)}`);
  const [template] = cloud.database.find('complaints', { _id: body.data.complaintId });
  const base = cloud.clock.now().getTime();
  const chunk = 5000;
  for (let start = 0; start < n; start += chunk) {
    const docs = [];
    for (let i = start; i < Math.min(n, start + chunk); i++) {
      const at = new Date(base - i * 37_000);
      docs.push({
        ...template,
        _id: `${prefix}-${String(i).padStart(7, '0')}`,
        ticketNo: `KS-${prefix.toUpperCase()}-${i}`,
        requestId: `${prefix}-${i}`,
        customerOpenid: `${prefix}-customer-${i % 5000}`,
        createdAt: at,
        updatedAt: at,
        tags: i % 3 === 0 ? ['冷链', `批次${i % 17}`] : [],
        score: i % 7 === 0 ? -0.5 : i,
      });
    }
    cloud.database.insertMany('complaints', docs);
  }
}
