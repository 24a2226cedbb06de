// Persistence for `--state FILE`: a journal of JSON lines — a header, then events (the first one a snapshot,
// `state.replace`). A mutation is appended and fdatasync'ed before its response is sent; appends that arrive
// while a sync is in flight are written together by the next one (group commit), so durability costs one
// sync per batch, not per request. On start-up the journal is replayed. A last line without its newline is
// what a crash mid-write leaves: it was never acknowledged, so it is dropped. Anything else that does not
// parse stops start-up with a message naming the line, and the file is left exactly as it was. Compaction
// writes a new snapshot to a temporary file, syncs it and renames it over the journal.
import { UserError } from '../contract/user-error.js';
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { applyEvent, stateFromJson, stateToJson, type Event, type State, type StateJson } from './state.js';

export const JOURNAL_FORMAT = 'hwc-contract-emulator-journal';
const HEADER = JSON.stringify({ format: JOURNAL_FORMAT, version: 1 });
/** Events after which the journal is rewritten as one snapshot at the next start-up. */
export const COMPACT_AFTER = 10_000;

export class StateFileError extends UserError {
  override readonly name = 'StateFileError';
}

const EVENT_TYPES = new Set(['port.put', 'bandwidth.put', 'eip.put', 'state.replace']);

/** An event as the journal stores it: a snapshot as plain JSON. */
type JournalEvent = Exclude<Event, { type: 'state.replace' }> | { type: 'state.replace'; state: StateJson };

/** An event as one line of the journal. */
function eventLine(event: Event): string {
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

/** Writes `state` as a fresh journal, atomically (temporary file, sync, rename, sync the directory). */
export function writeSnapshot(file: string, state: State): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, `${HEADER}\n${eventLine({ type: 'state.replace', state })}\n`);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  syncDirectory(file);
}

export class Journal {
  private pending: string[] = [];
  private waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private flushing = false;
  private failed: Error | undefined;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
  ) {}

  /**
   * Opens the journal at `file`: restores its state, or — when there is no file — starts one from `initial`.
   * Throws StateFileError (leaving the file untouched) when it cannot be read or parsed.
   */
  static async open(
    file: string,
    initial: () => State,
  ): Promise<{ journal: Journal; state: State; restored: boolean; events: number }> {
    try {
      return await Journal.openOrCreate(file, initial);
    } catch (error) {
      if (error instanceof StateFileError) throw error;
      // One line naming the file and the real cause (a missing folder, no permission, a full disk).
      const { code, message } = error as NodeJS.ErrnoException;
      const cause =
        code === 'ENOENT'
          ? `its folder ${path.dirname(file)} does not exist`
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'it is a folder'
              : code === 'ENOTDIR'
                ? `${path.dirname(file)} is not a folder`
                : (code ?? message.split('\n')[0]);
      throw new StateFileError(`cannot use state file ${file}: ${cause}`);
    }
  }

  private static async openOrCreate(
    file: string,
    initial: () => State,
  ): Promise<{ journal: Journal; state: State; restored: boolean; events: number }> {
    let exists = true;
    try {
      statSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      exists = false;
    }
    let state: State;
    let events = 0;
    if (!exists) {
      state = initial();
      writeSnapshot(file, state);
    } else {
      const read = readJournal(file);
      state = read.state;
      events = read.events;
      if (read.events > COMPACT_AFTER) {
        writeSnapshot(file, state);
      } else if (read.tornBytes > 0) {
        // Drop the unacknowledged tail of a crash before appending after it.
        const fd = openSync(file, 'r+');
        try {
          ftruncateSync(fd, read.intactBytes);
          fdatasyncSync(fd);
        } finally {
          closeSync(fd);
        }
      }
    }
    const handle = await open(file, 'a');
    return { journal: new Journal(handle, file), state, restored: exists, events };
  }

  /** Appends events; resolves once they are on disk. */
  append(events: readonly Event[]): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    for (const event of events) this.pending.push(eventLine(event));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const lines = this.pending;
      const waiters = this.waiters;
      this.pending = [];
      this.waiters = [];
      try {
        await this.handle.write(`${lines.join('\n')}\n`);
        await this.handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        this.failed = new Error(`cannot write state file ${this.file}: ${(error as Error).message}`);
        for (const waiter of [...waiters, ...this.waiters]) waiter.reject(this.failed);
        this.waiters = [];
        this.pending = [];
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.handle.close();
  }
}
