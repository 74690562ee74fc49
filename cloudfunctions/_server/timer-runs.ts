import type { TimerStatus } from '@shared/api/functions/sla';
import { toIso } from '@shared/time/clock';
import { _ } from './cloud';
import { collection, getById, isDuplicateKeyError, updatedCount } from './db';

interface JobDoc {
  _id: string;
  lastRunAt: Date;
  lastTrigger: string;
  runs: number;
}

/**
 * Record that a timer ran (one document per timer, counted atomically), so operators and the health
 * check can see the scheduler is alive. Safe under concurrent runs: the first insert wins, others increment.
 */
export async function recordTimerRun(name: string, trigger: string, at: Date): Promise<void> {
  const jobs = collection('jobs');
  if ((await updatedCount(jobs.doc(name).update({ data: { lastRunAt: at, lastTrigger: trigger, runs: _.inc(1) } }))) > 0) return;
  try {
    await jobs.add({ data: { _id: name, lastRunAt: at, lastTrigger: trigger, runs: 1 } });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await jobs.doc(name).update({ data: { lastRunAt: at, lastTrigger: trigger, runs: _.inc(1) } });
  }
}

export async function timerStatus(name: string): Promise<TimerStatus> {
  const job = await getById<JobDoc>('jobs', name);
  return job ? { name, lastRunAt: toIso(job.lastRunAt), runs: job.runs } : { name, runs: 0 };
}
