import type { Clock } from '../clock';
import type { FunctionRunner, InvokeResult } from '../runner/function-runner';
import { WeChatCron } from './wechat-cron';

export interface TimerRun {
  fn: string;
  trigger: string;
  /** The firing time the run stands for (ISO, UTC as SCF sends it). */
  at: string;
  ok: boolean;
  /** Firings in the window that this one run stood for (> 1 after a clock jump). */
  coalesced: number;
}

interface Job {
  fn: string;
  trigger: string;
  cron: WeChatCron;
}

/**
 * Fires the functions' timer triggers on the local cloud's clock. In real time it checks every second.
 * When the clock jumps forward (`advance`), each timer with at least one firing in the skipped window runs
 * once at the new time — like a scheduler catching up after a pause — unless a step is given, in which
 * case time moves in steps and due timers run at each step.
 */
export class Scheduler {
  private readonly jobs: Job[];
  private last: number;
  private timer?: NodeJS.Timeout;
  private inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly runner: FunctionRunner,
    private readonly clock: Clock,
    private readonly onRun?: (run: TimerRun) => void,
  ) {
    this.jobs = runner.list().flatMap((fn) =>
      (fn.config.triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ fn: fn.name, trigger: t.name, cron: new WeChatCron(t.config) })),
    );
    this.last = clock.nowMs();
  }

  get timers(): ReadonlyArray<{ fn: string; trigger: string; cron: string }> {
    return this.jobs.map((j) => ({ fn: j.fn, trigger: j.trigger, cron: j.cron.expression }));
  }

  get running(): boolean {
    return this.timer !== undefined;
  }

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.runDue(), intervalMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Run every timer due between the last check and now. */
  async runDue(): Promise<TimerRun[]> {
    const from = new Date(this.last);
    const to = this.clock.now();
    this.last = to.getTime();
    const due = this.jobs.flatMap((job) => {
      const firings = job.cron.firings(from, to);
      return firings.length ? [{ job, at: firings[firings.length - 1], coalesced: firings.length }] : [];
    });
    return Promise.all(due.map(({ job, at, coalesced }) => this.fire(job, at, coalesced)));
  }

  /** Move the clock forward and run what became due; with `stepMs`, in steps. */
  async advance(ms: number, stepMs?: number): Promise<TimerRun[]> {
    const runs: TimerRun[] = [];
    if (stepMs && stepMs > 0) {
      for (let moved = 0; moved < ms; moved += stepMs) {
        this.clock.advance(Math.min(stepMs, ms - moved));
        runs.push(...(await this.runDue()));
      }
    } else {
      this.clock.advance(ms);
      runs.push(...(await this.runDue()));
    }
    return runs;
  }

  private async fire(job: Job, at: Date, coalesced: number): Promise<TimerRun> {
    const event = { Type: 'Timer', TriggerName: job.trigger, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
    const pending = this.runner.invoke(job.fn, event, { source: 'wx_trigger' });
    this.inFlight.add(pending);
    let result: InvokeResult;
    try {
      result = await pending;
    } finally {
      this.inFlight.delete(pending);
    }
    const run: TimerRun = { fn: job.fn, trigger: job.trigger, at: event.Time, ok: result.ok && (result.result as { ok?: boolean })?.ok !== false, coalesced };
    this.onRun?.(run);
    return run;
  }
}
