import { collection, isDuplicateKeyError } from './db';

export interface TaskDoc {
  _id: string;
  dedupeKey: string;
  kind: 'churn_risk' | 'assist' | 'approval' | 'data_request';
  department: string;
  assigneeOpenid?: string;
  complaintId: string;
  ticketNo: string;
  customerOpenid?: string;
  note: string;
  /** The order whose data a `data_request` asks for (closed when that order's readings arrive). */
  orderNo?: string;
  status: 'open' | 'done';
  createdAt: Date;
  doneAt?: Date;
}

/** A to-do for staff (assist requests, churn risk), once per dedupe key. */
export async function createTask(task: Omit<TaskDoc, '_id' | 'status' | 'createdAt'>, now: Date): Promise<void> {
  try {
    await collection('tasks').add({ data: { _id: task.dedupeKey, ...task, status: 'open', createdAt: now } });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

