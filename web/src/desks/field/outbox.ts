// The device's outbox of visits (docs/console-field.md). A visit is written to localStorage the moment
// the person presses 提交, with an Idempotency-Key made then and never again; sending is only ever
// "send what is waiting, with its own key". The API keys visits per account (docs/supervision.md
// "Visits"): the same key and body answer the first visit (200, the same case ids), so a send whose
// answer was lost, a second tab, or a resend after a new login never makes a second visit or case.
//
// localStorage, not IndexedDB: the entries are small text (no photos), a synchronous write is on disk
// before the send starts, and there is no library to add. Kept per person (role and name), so a phone
// passed to a colleague does not send one person's reports under the other's login.

import { reactive } from 'vue';
import { ApiError, post } from '../../api/client';
import { chineseMessage } from '../../api/problems';
import { newIdempotencyKey } from '../../api/submission';
import { session } from '../../session/session';
import type { VisitBody } from './field-model';

export interface AcceptedVisit {
  id: string;
  cases: Array<{ id: string; status: string }>;
}

export interface OutboxEntry {
  /** The Idempotency-Key, made once at 提交. */
  key: string;
  body: VisitBody;
  createdAt: string;
  state: 'waiting' | 'accepted' | 'refused';
  /** Why a waiting entry is still waiting (no network, the service busy). */
  note?: string;
  /** The API's refusal (4xx): the person fixes the form; it is never sent again as it is. */
  refusal?: { message: string; errors: Array<{ path: string; message: string }> };
  accepted?: AcceptedVisit;
  acceptedAt?: string;
}

const KEEP_ACCEPTED = 20;

export const outbox = reactive<{ entries: OutboxEntry[]; sending: boolean }>({ entries: [], sending: false });

const storageKey = () => {
  const who = session.principal;
  return `duban.field-outbox.v1:${who?.role ?? ''}:${who?.name ?? ''}`;
};

function save(): void {
  localStorage.setItem(storageKey(), JSON.stringify(outbox.entries));
}

let loadedFor: string | null = null;

/**
 * Reads this person's outbox from the device, once per person: coming back to the desk keeps the
 * entries a run may still be updating (reading them again would orphan those updates).
 */
export function loadOutbox(): void {
  if (loadedFor === storageKey()) return;
  loadedFor = storageKey();
  try {
    const stored = localStorage.getItem(storageKey());
    outbox.entries = stored ? (JSON.parse(stored) as OutboxEntry[]) : [];
  } catch {
    outbox.entries = [];
  }
}

/** 提交: the visit is on the device before anything is sent; its key is fixed from here on. */
export function enqueue(body: VisitBody): OutboxEntry {
  const entry: OutboxEntry = { key: newIdempotencyKey(), body, createdAt: new Date().toISOString(), state: 'waiting' };
  outbox.entries.unshift(entry);
  save();
  return entry;
}

export function remove(key: string): void {
  outbox.entries = outbox.entries.filter((e) => e.key !== key);
  save();
}

export function clearAccepted(): void {
  outbox.entries = outbox.entries.filter((e) => e.state !== 'accepted');
  save();
}

export const OFFLINE_NOTE = '当前无网络，已保存在本机，联网后自动发送';

/** Sends one entry; false when the network (or the service) is not there, so the rest wait too. */
async function sendOne(entry: OutboxEntry): Promise<boolean> {
  try {
    const answer = await post<AcceptedVisit>('/v1/visits', entry.body, entry.key);
    entry.state = 'accepted';
    entry.accepted = { id: answer.id, cases: answer.cases.map(({ id, status }) => ({ id, status })) };
    entry.acceptedAt = new Date().toISOString();
    delete entry.note;
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // No network, busy, a server fault, or a login to renew: the same request may succeed later.
    if (error.status === 0 || error.retryable || error.status === 401 || error.status >= 500) {
      entry.note = error.status === 0 ? OFFLINE_NOTE : `${error.message}，稍后自动重新发送`;
      return false;
    }
    entry.state = 'refused';
    // The sentence without the API's English detail: the field errors below say what to fix.
    const message = chineseMessage(
      { status: error.status, ...(error.problem.code ? { code: error.problem.code } : {}) },
      null,
    );
    entry.refusal = { message, errors: error.problem.errors ?? [] };
    delete entry.note;
    return true;
  } finally {
    save();
  }
}

let running: Promise<void> | null = null;
let askedAgain = false;

/**
 * Sends every waiting entry, oldest first, each with its own key; one run at a time. A call during a
 * run (a visit submitted meanwhile) makes the run go round once more, and waits for that too.
 */
export function sendWaiting(): Promise<void> {
  if (running) {
    askedAgain = true;
    return running;
  }
  running = (async () => {
    do {
      askedAgain = false;
      await sendAll();
    } while (askedAgain);
  })().finally(() => (running = null));
  return running;
}

async function sendAll(): Promise<void> {
  outbox.sending = true;
  try {
    const waiting = outbox.entries.filter((e) => e.state === 'waiting').reverse();
    for (const entry of waiting) {
      if (!navigator.onLine) {
        entry.note = OFFLINE_NOTE;
        save();
        break;
      }
      if (!(await sendOne(entry))) break;
    }
    // Accepted entries are a receipt, not an archive: the newest few stay on the device.
    const accepted = outbox.entries.filter((e) => e.state === 'accepted');
    if (accepted.length > KEEP_ACCEPTED) {
      const dropped = new Set(accepted.slice(KEEP_ACCEPTED).map((e) => e.key));
      outbox.entries = outbox.entries.filter((e) => !dropped.has(e.key));
      save();
    }
  } finally {
    outbox.sending = false;
  }
}
