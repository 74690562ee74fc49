import type { DrainResult } from '@shared/api/functions/notify';
import type { NotifyConfig } from '@shared/notify/config';
import type { OutboxDoc } from '@shared/notify/outbox';
import { deferredUntil } from '@shared/notify/quiet-hours';
import { afterFailure, leaseUntil } from '@shared/notify/retry';
import { _ } from '../_server/cloud';
import { collection, rows, updatedCount } from '../_server/db';
import { deliver, DrainLookups } from './deliver';
import { loadNotifyConfig } from './settings';

/** A drain stops taking new batches after this long, well inside the function's 60 s timeout. */
const TIME_BUDGET_MS = 40_000;
/** A bound on rounds, whatever happens to the data meanwhile. */
const MAX_ROUNDS = 200;
/** Delivery records kept per message. */
const KEEP_DELIVERIES = 20;

/**
 * Messages due now: pending ones whose time has come, and claims whose lease ran out (a drain died mid-send).
 * One range over the (status, nextAttemptAt) index: `nextAttemptAt` is the lease expiry while `sending`.
 */
function dueMessages(now: Date, limit: number): Promise<OutboxDoc[]> {
  return rows<OutboxDoc>(
    collection('outbox')
      .where({ status: _.in(['pending', 'sending']), nextAttemptAt: _.lte(now) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(limit),
  );
}

/** The document exactly as this drain read it: any other drain's write since then makes the update a no-op. */
const asRead = (doc: OutboxDoc) => ({ _id: doc._id, status: doc.status, attempts: doc.attempts });

type Tally = Omit<DrainResult, 'more' | 'ms'>;

/** Another drain changed the message first: this one leaves it. */
function lost(tally: Tally): 'lost' {
  tally.skipped++;
  return 'lost';
}

/**
 * One message: deferred by quiet hours, or claimed (a conditional update: status and attempt count as read),
 * delivered, and settled — sent, scheduled again with backoff, or dead. Two drains reading the same message
 * both try the claim; the loser sees 0 updated and moves on, so nothing is sent twice.
 */
async function processOne(doc: OutboxDoc, now: Date, config: NotifyConfig, lookups: DrainLookups, tally: Tally): Promise<'lost' | 'done'> {
  const outbox = collection('outbox');
  const until = deferredUntil(doc, now, config.quietHours);
  if (until) {
    const moved = await updatedCount(outbox.where(asRead(doc)).update({ data: { status: 'pending', nextAttemptAt: until, deferredAt: now } }));
    if (!moved) return lost(tally);
    tally.deferred++;
    return 'done';
  }
  const attempt = doc.attempts + 1;
  // A claim that outlived its lease stands for an attempt that never reported: past the last one, give up.
  if (doc.status === 'sending' && doc.attempts >= config.retry.maxAttempts) {
    const moved = await updatedCount(outbox.where(asRead(doc)).update({ data: { status: 'dead', deadAt: now, lastError: doc.lastError ?? '发送中断（超时）' } }));
    if (!moved) return lost(tally);
    tally.dead++;
    return 'done';
  }
  const claimed = await updatedCount(outbox.where(asRead(doc)).update({ data: { status: 'sending', attempts: attempt, nextAttemptAt: leaseUntil(now, config.retry), lastAttemptAt: now } }));
  if (!claimed) return lost(tally);
  tally.attempted++;

  let outcome;
  try {
    outcome = await deliver(doc, attempt, now, config, lookups);
  } catch (error) {
    // A bug or a database hiccup while delivering: an ordinary failed attempt, retried with backoff.
    outcome = { ok: false as const, error: `内部错误：${(error as Error).message}`.slice(0, 300), permanent: false, records: [] };
  }

  const mine = { _id: doc._id, status: 'sending', attempts: attempt };
  const deliveries = outcome.records.length ? { deliveries: _.push({ each: outcome.records, slice: -KEEP_DELIVERIES }) } : {};
  if (outcome.ok) {
    const lastError = outcome.records.find((r) => !r.ok)?.error;
    await outbox.where(mine).update({
      data: { status: 'sent', sentAt: now, channel: outcome.channel, ...(outcome.providerId ? { providerId: outcome.providerId } : {}), ...(lastError ? { lastError } : {}), ...deliveries },
    });
    tally.sent++;
    return 'done';
  }
  const next = outcome.permanent ? ({ dead: true } as const) : afterFailure(attempt, now, config.retry);
  if (next.dead) {
    await outbox.where(mine).update({ data: { status: 'dead', deadAt: now, lastError: outcome.error, ...deliveries } });
    tally.dead++;
  } else {
    await outbox.where(mine).update({ data: { status: 'pending', nextAttemptAt: next.nextAttemptAt, lastError: outcome.error, ...deliveries } });
    tally.retried++;
  }
  return 'done';
}

/**
 * Run `task` over the messages, at most `limit` at a time, until `stop()` says the rest is not worth trying.
 * One recipient's messages go one after another, in the order they became due (a receipt before the progress
 * note that followed it). Drains that run at once read the same oldest messages, so each starts at a random
 * recipient: they mostly claim different messages instead of racing for the same ones.
 */
async function eachByRecipient(docs: OutboxDoc[], limit: number, task: (doc: OutboxDoc) => Promise<void>, stop: () => boolean): Promise<void> {
  const byRecipient = new Map<string, OutboxDoc[]>();
  for (const doc of docs) {
    const key = `${doc.audience}:${doc.to}`;
    const list = byRecipient.get(key);
    if (list) list.push(doc);
    else byRecipient.set(key, [doc]);
  }
  const groups = [...byRecipient.values()];
  const offset = Math.floor(Math.random() * groups.length);
  const ordered = [...groups.slice(offset), ...groups.slice(0, offset)];
  let next = 0;
  const worker = async () => {
    while (next < ordered.length && !stop()) {
      for (const doc of ordered[next++]) {
        if (stop()) return;
        await task(doc);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, ordered.length) }, worker));
}

/**
 * Drain the outbox: batches of due messages (oldest due first), each sent with bounded concurrency, until none
 * is due or the time budget is spent. Safe to run concurrently with itself (timer and on-demand drains).
 */
export async function drainOutbox(now: () => Date = () => new Date()): Promise<DrainResult> {
  const started = performance.now();
  const config = await loadNotifyConfig();
  const lookups = new DrainLookups();
  const tally: Tally = { attempted: 0, sent: 0, retried: 0, dead: 0, deferred: 0, skipped: 0 };
  let more = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const at = now();
    const due = await dueMessages(at, config.batchSize);
    // Claims lost one after another: another drain is working through this batch; read a fresh one instead.
    let lostInARow = 0;
    let lostAny = false;
    await eachByRecipient(
      due,
      config.concurrency,
      async (doc) => {
        const lostIt = (await processOne(doc, at, config, lookups, tally)) === 'lost';
        lostInARow = lostIt ? lostInARow + 1 : 0;
        lostAny ||= lostIt;
      },
      () => lostInARow >= config.concurrency,
    );
    // A short batch is the end, unless another drain took some of it: then what it left is read again.
    if (!due.length || (due.length < config.batchSize && !lostAny)) break;
    if (performance.now() - started > TIME_BUDGET_MS) {
      more = true;
      break;
    }
  }
  return { ...tally, more, ms: Math.round(performance.now() - started) };
}
