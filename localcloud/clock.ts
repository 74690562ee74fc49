import type { MetaStore } from './sqlite';

/**
 * The local cloud's time: real time plus an offset that `POST /__local/clock` moves forward.
 * Server dates in the database, timer triggers and the functions' own `Date` all read it,
 * so SLA behaviour can be tested without waiting. The offset is kept with the data.
 */
export class Clock {
  private offset: number;

  constructor(private readonly meta?: MetaStore) {
    this.offset = meta?.get<number>('clockOffsetMs') ?? 0;
  }

  nowMs(): number {
    return Date.now() + this.offset;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  get offsetMs(): number {
    return this.offset;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offset += ms;
    this.meta?.set('clockOffsetMs', this.offset);
  }
}
