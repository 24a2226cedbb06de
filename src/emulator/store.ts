// Persistence for `--state FILE`: a journal of JSON lines — a header, then events (the first one a snapshot,
// `state.replace`). A mutation is appended and fdatasync'ed before its response is sent; appends that arrive
// while a sync is in flight are written together by the next one (group commit), so durability costs one
// sync per batch, not per request. A batch the disk refuses (short writes are continued; ENOSPC, EIO) is cut
// off the file again before anything else is appended, and its changes — with those queued after them — are
// taken back out of memory and refused: nothing is acknowledged that is not wholly on disk, and no torn line
// is ever left between whole ones. The next batch tries the disk again. On start-up the journal is replayed. A last line without its newline is
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
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
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

/** What the journal needs of its open file. Node's FileHandle is one; tests pass one that fails on purpose. */
export interface JournalFile {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface JournalOptions {
  /** Opens the journal for appending (default: Node's `open(file, 'a')`). */
  openFile?: (file: string) => Promise<JournalFile>;
  /** Where the journal says that it cannot write, and that it can again (default: stderr). */
  warn?: (line: string) => void;
}

/** A change that was not made: the journal could not write it (or an earlier change it builds on) to disk. */
export class JournalWriteError extends Error {
  override readonly name = 'JournalWriteError';
}

/** A change waiting for the disk: its line, who waits, and what takes it back out of memory if it fails. */
interface PendingChange {
  text: string;
  resolve: () => void;
  reject: (error: Error) => void;
  undo: (() => void) | undefined;
}

const errorCode = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0] ?? String(error);

export class Journal {
  private pending: PendingChange[] = [];
  private flushing = false;
  /** Set while writes fail (the error code), so that the failure is said once. */
  private failing: string | undefined;
  /** Whether a failed write may have left bytes after `size`. */
  private torn = false;

  private constructor(
    private readonly file: JournalFile,
    readonly path: string,
    /** The length of the journal's durable part: everything acknowledged, nothing else. */
    private size: number,
    private readonly warn: (line: string) => void,
  ) {}

  /**
   * Opens the journal at `file`: restores its state, or — when there is no file — starts one from `initial`.
   * Throws StateFileError (leaving the file untouched) when it cannot be read or parsed.
   */
  static async open(
    file: string,
    initial: () => State,
    options: JournalOptions = {},
  ): Promise<{ journal: Journal; state: State; restored: boolean; events: number }> {
    try {
      return await Journal.openOrCreate(file, initial, options);
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
                : code === 'ENOSPC'
                  ? 'the disk is full'
                  : (code ?? message.split('\n')[0]);
      throw new StateFileError(`cannot use state file ${file}: ${cause}`);
    }
  }

  private static async openOrCreate(
    file: string,
    initial: () => State,
    options: JournalOptions,
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
    const size = statSync(file).size;
    const journalFile = await (options.openFile ?? ((name) => open(name, 'a')))(file);
    const warn = options.warn ?? ((line) => process.stderr.write(`hwc-contract emulate: ${line}\n`));
    return { journal: new Journal(journalFile, file, size, warn), state, restored: exists, events };
  }

  /**
   * Appends events; resolves once they are wholly on disk. When they cannot be written (a full disk, an I/O
   * error), what was written of them is cut off again, `undo` runs for them and for every change queued after
   * them (newest first: those were computed on top of them), and each of those is rejected with a
   * JournalWriteError. The next append tries the disk again.
   */
  append(events: readonly Event[], undo?: () => void): Promise<void> {
    let text = '';
    for (const event of events) text += `${eventLine(event)}\n`;
    const done = new Promise<void>((resolve, reject) => this.pending.push({ text, resolve, reject, undo }));
    if (!this.flushing) void this.flush();
    return done;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const buffer = Buffer.from(batch.length === 1 ? batch[0]!.text : batch.map((c) => c.text).join(''));
      try {
        await this.cutTornTail();
        await this.writeAll(buffer);
        await this.file.datasync();
        this.size += buffer.length;
        if (this.failing !== undefined) {
          this.failing = undefined;
          this.warn(`state file ${this.path} can be written again; changes are accepted`);
        }
        for (const change of batch) change.resolve();
      } catch (error) {
        // Cut off what was written of the batch before anyone is told it was not made.
        this.torn = true;
        await this.cutTornTail().catch(() => {});
        this.fail(batch, error);
      }
    }
    this.flushing = false;
  }

  /** A batch did not reach the disk: take it and everything queued after it back out of memory, and say so once. */
  private fail(batch: PendingChange[], error: unknown): void {
    const failed = [...batch, ...this.pending];
    this.pending = [];
    for (let i = failed.length - 1; i >= 0; i -= 1) failed[i]!.undo?.();
    const code = errorCode(error);
    if (this.failing === undefined) {
      this.failing = code;
      this.warn(
        `cannot write state file ${this.path} (${code}); changes are refused (500 Ecs.0002 / VPC.0503) until it can be written again`,
      );
    }
    const refused = new JournalWriteError(`the state file cannot be written (${code}); the change was not made`);
    for (const change of failed) change.reject(refused);
  }

  /** Writes all of `buffer`, however many calls it takes; a call that writes nothing is a full disk. */
  private async writeAll(buffer: Buffer): Promise<void> {
    for (let offset = 0; offset < buffer.length; ) {
      const { bytesWritten } = await this.file.write(buffer, offset, buffer.length - offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
  }

  /** After a failed write, cuts the file back to its last durable length before anything is appended. */
  private async cutTornTail(): Promise<void> {
    if (!this.torn) return;
    await this.file.truncate(this.size);
    await this.file.datasync();
    this.torn = false;
  }

  /** The first reason the journal cannot write, while it cannot; `undefined` when it can. */
  get failure(): string | undefined {
    return this.failing;
  }

  async close(): Promise<void> {
    while (this.flushing) await new Promise((resolve) => setTimeout(resolve, 1));
    await this.file.close();
  }
}
