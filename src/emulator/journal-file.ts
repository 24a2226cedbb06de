// The `--state` journal as a file: JSON lines — a header, then events (the first one a snapshot,
// `state.replace`). Reading it back (a torn last line is what a crash mid-write leaves, and is dropped; anything
// else that does not parse is refused, naming the line) and writing a fresh one atomically (a temporary file,
// synced, renamed over the journal). The appending side is store.ts.
import { closeSync, fdatasyncSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../contract/user-error.js';
import { applyEvent, stateFromJson, stateToJson, type Event, type State, type StateJson } from './state.js';

export const JOURNAL_FORMAT = 'hwc-contract-emulator-journal';
export const HEADER = JSON.stringify({ format: JOURNAL_FORMAT, version: 1 });
/** Events after which the journal is rewritten as one snapshot at the next start-up. */
export const COMPACT_AFTER = 10_000;

export class StateFileError extends UserError {
  override readonly name = 'StateFileError';
}

const EVENT_TYPES = new Set(['port.put', 'bandwidth.put', 'eip.put', 'state.replace']);

/** An event as the journal stores it: a snapshot as plain JSON. */
type JournalEvent = Exclude<Event, { type: 'state.replace' }> | { type: 'state.replace'; state: StateJson };

/** An event as one line of the journal. */
export function eventLine(event: Event): string {
  return JSON.stringify(event.type === 'state.replace' ? { type: event.type, state: stateToJson(event.state) } : event);
}

function isState(value: unknown): value is StateJson {
  const v = value as StateJson;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.projects === 'object' &&
    v.projects !== null &&
    typeof v.pools === 'object' &&
    v.pools !== null
  );
}

/** Reads a journal: the state it holds, its event count, and the length of its intact part. */
export function readJournal(file: string): { state: State; events: number; intactBytes: number; tornBytes: number } {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (error) {
    throw new StateFileError(`cannot read state file ${file}: ${(error as Error).message}`);
  }
  const text = buffer.toString('utf8');
  const lastNewline = text.lastIndexOf('\n');
  const intact = lastNewline === -1 ? '' : text.slice(0, lastNewline + 1);
  const tornBytes = buffer.length - Buffer.byteLength(intact);
  const lines = intact.split('\n').slice(0, -1);
  if (lines.length === 0 || lines[0] !== HEADER) {
    throw new StateFileError(
      `state file ${file} is not an hwc-contract emulator journal (line 1 should be ${HEADER}); it was left untouched`,
    );
  }
  let state: State | undefined;
  let events = 0;
  for (let i = 1; i < lines.length; i += 1) {
    let event: JournalEvent;
    try {
      event = JSON.parse(lines[i]!) as JournalEvent;
    } catch {
      throw new StateFileError(`state file ${file} is corrupt at line ${i + 1} (not JSON); it was left untouched`);
    }
    if (typeof event !== 'object' || event === null || !EVENT_TYPES.has(event.type)) {
      throw new StateFileError(`state file ${file} is corrupt at line ${i + 1} (not an event); it was left untouched`);
    }
    if (event.type === 'state.replace') {
      if (!isState(event.state))
        throw new StateFileError(
          `state file ${file} is corrupt at line ${i + 1} (not a state snapshot); it was left untouched`,
        );
      state = stateFromJson(event.state);
    } else if (!state) {
      throw new StateFileError(
        `state file ${file} is corrupt at line ${i + 1} (an event before the first snapshot); it was left untouched`,
      );
    } else {
      state = applyEvent(state, event);
    }
    events += 1;
  }
  if (!state) throw new StateFileError(`state file ${file} holds no snapshot; it was left untouched`);
  return { state, events, intactBytes: Buffer.byteLength(intact), tornBytes };
}

function syncDirectory(file: string): void {
  try {
    const fd = openSync(path.dirname(file), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a directory; the rename is still atomic.
  }
}

/** Writes all of `buffer`, however many calls a nearly full disk needs; a call that writes nothing is ENOSPC. */
function writeAllSync(fd: number, buffer: Buffer): void {
  for (let offset = 0; offset < buffer.length; ) {
    const written = writeSync(fd, buffer, offset, buffer.length - offset);
    if (written <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    offset += written;
  }
}

/** Writes `state` as a fresh journal, atomically (temporary file, sync, rename, sync the directory). */
export function writeSnapshot(file: string, state: State): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeAllSync(fd, Buffer.from(`${HEADER}\n${eventLine({ type: 'state.replace', state })}\n`));
    fdatasyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
  syncDirectory(file);
}
